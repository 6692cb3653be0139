import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class PlanInstitutionsDto {
  @ApiProperty({ description: 'The unit holds collective study every week (每周集中学习)' }) @IsBoolean() weeklyCollectiveStudy: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) studyRules?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) researchRules?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) assessmentRules?: string;
}

export class DraftPlanDto {
  @TextField('code') campaignId: string;
  @TextField('code') unitId: string;
  @TextField('title', { example: '提升三服务，实现三满意' }) theme: string;
  @ApiProperty({ example: ['党性教育', '亮牌示范', '服务群众', '岗位奉献'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  carriers: string[];
  @ApiProperty({ type: PlanInstitutionsDto }) @ValidateNested() @Type(() => PlanInstitutionsDto) institutions: PlanInstitutionsDto;
}

export class UpdatePlanDto {
  @TextField('title', { required: false }) theme?: string;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) carriers?: string[];
  @ApiPropertyOptional({ type: PlanInstitutionsDto }) @IsOptional() @ValidateNested() @Type(() => PlanInstitutionsDto) institutions?: PlanInstitutionsDto;
}

export class ReturnPlanDto {
  @ApiProperty({ description: 'Why the plan goes back to the unit' }) @IsString() @IsNotEmpty() @MaxLength(2000) comment: string;
}

export class CampaignQueryDto {
  @TextField('code') campaignId: string;
}

import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsOptional, IsString, IsTimeZone, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CAMPAIGN_STAGES } from '@campaign/contracts';
import { CampaignStage } from './stage-rules';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = { context: { format: 'YYYY-MM-DD' } };

export class StageWindowDto {
  @ApiProperty({ example: '2026-03-01' }) @Matches(ISO_DATE, DAY) startsOn: string;
  @ApiProperty({ example: '2026-04-30' }) @Matches(ISO_DATE, DAY) endsOn: string;
}

export class StageWindowsDto {
  @ApiProperty() @ValidateNested() @Type(() => StageWindowDto) planning: StageWindowDto;
  @ApiProperty() @ValidateNested() @Type(() => StageWindowDto) operation: StageWindowDto;
  @ApiProperty() @ValidateNested() @Type(() => StageWindowDto) appraisal: StageWindowDto;
}

export class LaunchCampaignDto {
  @TextField('name', { example: '创先争优活动' }) name: string;
  @ApiProperty({ example: '2026-03-01' }) @Matches(ISO_DATE, DAY) mobilisedOn: string;
  @ApiProperty({ type: StageWindowsDto }) @ValidateNested() @Type(() => StageWindowsDto) stages: StageWindowsDto;
  @ApiProperty({ description: 'Implementation plans are due to the parent unit by then', example: '2026-03-31T23:59:59+08:00' })
  @IsDateString()
  planDueAt: string;
  @ApiPropertyOptional({ description: 'The IANA zone of the stage dates and campaign weeks', default: 'Asia/Shanghai' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class ChangeStageDto {
  @ApiProperty({ enum: CAMPAIGN_STAGES }) @IsIn(CAMPAIGN_STAGES) to: CampaignStage;
}

export class AddThemeDto {
  @TextField('title', { example: '提升三服务，实现三满意', maxLength: 200 }) title: string;
}

export class AddCarrierDto {
  @TextField('name', { example: '亮牌示范' }) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LEADING_GROUP_ROLES } from '@campaign/contracts';
import { GroupRole } from './system.schema';

export class GroupSeatDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  memberId: string;

  @ApiProperty({ enum: LEADING_GROUP_ROLES })
  @IsIn(LEADING_GROUP_ROLES)
  role: GroupRole;
}

export class UpdateSystemDto {
  @ApiPropertyOptional({ example: '教育系统' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'the lead unit (牵头单位)', nullable: true })
  @IsOptional()
  @IsString()
  leadUnitId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(5000)
  unitIds?: string[];

  @ApiPropertyOptional({ type: [GroupSeatDto], description: 'the industry guidance group (行业指导小组)' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GroupSeatDto)
  guidanceGroup?: GroupSeatDto[];
}

export class CreateSystemDto extends UpdateSystemDto {
  @ApiProperty({ example: '教育系统' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  declare name: string;

  @ApiPropertyOptional({ example: 'education' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  code?: string;
}

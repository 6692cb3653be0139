import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';
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

export class CreateSystemDto {
  @TextField('name', { example: '教育系统' })
  name: string;

  @TextField('code', { required: false, example: 'education' })
  code?: string;

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

/** A system's fields but its code, each optional in validation and OpenAPI alike. */
export class UpdateSystemDto extends PartialType(OmitType(CreateSystemDto, ['code'] as const)) {}

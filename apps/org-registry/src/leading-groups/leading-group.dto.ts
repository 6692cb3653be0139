import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { GroupSeatDto } from '../systems/system.dto';
import { LeadingGroupKind } from './leading-group.schema';

export class CreateLeadingGroupDto {
  @ApiProperty({ example: '创先争优活动领导小组' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ['leading-group', 'working-body'] })
  @IsIn(['leading-group', 'working-body'])
  kind: LeadingGroupKind;

  @ApiPropertyOptional({ type: [GroupSeatDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GroupSeatDto)
  members?: GroupSeatDto[];
}

export class ReplaceSeatsDto {
  @ApiProperty({ type: [GroupSeatDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GroupSeatDto)
  members: GroupSeatDto[];
}

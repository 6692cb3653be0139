import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { GroupSeatDto } from '../systems/system.dto';
import { LeadingGroupKind } from './leading-group.schema';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateLeadingGroupDto {
  @TextField('name', { example: '创先争优活动领导小组' })
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

  @ApiPropertyOptional({ description: 'the day the seats begin; defaults to today', example: '2026-03-01' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'effectiveAt must be YYYY-MM-DD' })
  effectiveAt?: string;
}

export class ReplaceSeatsDto {
  @ApiProperty({ type: [GroupSeatDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GroupSeatDto)
  members: GroupSeatDto[];

  @ApiPropertyOptional({ description: 'the day the change takes effect (seats end and begin); defaults to today' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'effectiveAt must be YYYY-MM-DD' })
  effectiveAt?: string;
}

export class AddSeatDto extends GroupSeatDto {
  @ApiPropertyOptional({ description: 'the day the seat begins; defaults to today' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'effectiveAt must be YYYY-MM-DD' })
  effectiveAt?: string;
}

export class SeatChangeQuery {
  @ApiPropertyOptional({ description: 'the day the seat ends; defaults to today' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'effectiveAt must be YYYY-MM-DD' })
  effectiveAt?: string;
}

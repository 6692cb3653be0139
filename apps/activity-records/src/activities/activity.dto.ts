import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTIVITY_KINDS, ActivityKind } from '@campaign/contracts';

export class ScheduleActivityDto {
  @TextField('code') campaignId: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) @IsIn(ACTIVITY_KINDS) kind: ActivityKind;
  @TextField('title', { example: '区政协每周集中学习' }) title: string;
  @TextField('code') organiserUnitId: string;
  @TextField('code', { required: false, description: "One of the campaign's carriers" }) carrierId?: string;
  @ApiProperty({ example: '2026-11-25T09:00:00+08:00' }) @IsDateString() startsAt: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) place?: string;
  @ApiPropertyOptional({ description: 'Units outside the organiser subtree whose members may attend', default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  invitedUnitIds?: string[];
}

export class HoldActivityDto {
  @ApiPropertyOptional({ description: 'Minutes of the meeting' }) @IsOptional() @IsString() @MaxLength(100_000) minutes?: string;
}

export class CancelActivityDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class ActivityListQueryDto {
  @TextField('code', { required: false }) campaignId?: string;
  @TextField('code', { description: 'Activities organised in this unit subtree' }) unitId: string;
}

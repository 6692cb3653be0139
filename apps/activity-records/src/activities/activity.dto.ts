import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTIVITY_KINDS, ActivityKind } from '@campaign/contracts';

export class ScheduleActivityDto {
  @ApiProperty() @IsString() @IsNotEmpty() campaignId: string;
  @ApiProperty({ enum: ACTIVITY_KINDS }) @IsIn(ACTIVITY_KINDS) kind: ActivityKind;
  @ApiProperty({ example: '区政协每周集中学习' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiProperty() @IsString() @IsNotEmpty() organiserUnitId: string;
  @ApiPropertyOptional({ description: "One of the campaign's carriers" }) @IsOptional() @IsString() carrierId?: string;
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
  @ApiPropertyOptional() @IsOptional() @IsString() campaignId?: string;
  @ApiProperty({ description: 'Activities organised in this unit subtree' }) @IsString() @IsNotEmpty() unitId: string;
}

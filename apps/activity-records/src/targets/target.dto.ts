import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { TargetKind } from './target.schema';

export class TargetFilterDto {
  @TextField('code', { required: false, description: 'Members anywhere in this unit subtree' }) unitId?: string;
  @TextField('code', { required: false, description: 'Members of the units of this system (e.g. education)' }) systemId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() leadersOnly?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() keyPostsOnly?: boolean;
  @ApiPropertyOptional({ description: 'Exactly these members' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  memberIds?: string[];
}

export class AssignTargetsDto {
  @TextField('code') campaignId: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ enum: ['common', 'individual'] }) @IsIn(['common', 'individual']) kind: TargetKind;
  @TextField('title', { example: '带头完成调研课题一项' }) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ example: '2026-12-31T23:59:59+08:00' }) @IsDateString() dueAt: string;
  @ApiProperty({ type: TargetFilterDto, description: 'Who gets the target; combined with AND' })
  @ValidateNested()
  @Type(() => TargetFilterDto)
  filter: TargetFilterDto;
}

export class TargetProgressDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) progress: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;
}

export class ReviewTargetDto {
  @ApiProperty({ enum: ['approved', 'returned'] }) @IsIn(['approved', 'returned']) outcome: 'approved' | 'returned';
  @ApiPropertyOptional({ description: 'Required when returned' })
  @ValidateIf((dto: ReviewTargetDto) => dto.outcome === 'returned' || dto.comment !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  comment?: string;
}

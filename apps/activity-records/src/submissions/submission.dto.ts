import { TextField } from '@campaign/service-kit';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { SUBMISSION_KINDS } from '@campaign/contracts';
import { SubmissionKind } from './submission.schema';

export class SubmitDto {
  @TextField('code') campaignId: string;
  @ApiProperty({ enum: SUBMISSION_KINDS }) @IsIn(SUBMISSION_KINDS) kind: SubmissionKind;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @TextField('title') title: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200_000) content: string;
}

export class ResubmitDto {
  @TextField('title', { required: false }) title?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200_000) content: string;
}

export class ReviewSubmissionDto {
  @ApiProperty({ enum: ['accepted', 'returned'] }) @IsIn(['accepted', 'returned']) outcome: 'accepted' | 'returned';
  @ApiPropertyOptional({ description: 'Required when returned' })
  @ValidateIf((dto: ReviewSubmissionDto) => dto.outcome === 'returned' || dto.comment !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  comment?: string;
}

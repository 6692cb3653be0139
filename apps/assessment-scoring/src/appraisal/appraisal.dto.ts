import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { RATINGS } from '@campaign/contracts';
import { Honour, HONOURS, Rating } from './appraisal.schemas';

export class AppraisalSubjectDto {
  @ApiProperty({ enum: ['member', 'unit'] })
  @IsIn(['member', 'unit'])
  subjectType: 'member' | 'unit';

  @ApiProperty()
  @IsString()
  @MinLength(1)
  subjectId: string;
}

export class SelfEvaluationDto extends AppraisalSubjectDto {
  @ApiProperty({ description: 'What was done and achieved (自评).' })
  @IsString()
  @MinLength(10)
  @MaxLength(10_000)
  summary: string;

  @ApiPropertyOptional({ enum: RATINGS })
  @IsOptional()
  @IsIn(RATINGS)
  proposedRating?: Rating;
}

export class ReviewDto extends AppraisalSubjectDto {
  @ApiProperty({ enum: RATINGS })
  @IsIn(RATINGS)
  rating: Rating;

  @ApiProperty({ description: 'Why this rating (Chinese comments are short: one character is enough).' })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  comment: string;
}

export class HonourQuotaDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  systemId: string;

  @ApiProperty({ enum: HONOURS })
  @IsIn(HONOURS)
  honour: Honour;

  @ApiProperty()
  @IsInt()
  @Min(0)
  quota: number;
}

export class HonourDto extends AppraisalSubjectDto {
  @ApiProperty({ enum: HONOURS })
  @IsIn(HONOURS)
  honour: Honour;

  @ApiProperty({ description: 'The system whose quota the honour counts against.' })
  @IsString()
  @MinLength(1)
  systemId: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RATINGS } from '@campaign/contracts';
import { Honour, HONOURS, Rating } from './appraisal.schemas';
import { SubjectIdProperty, SubjectTypeProperty } from '../common/subject.properties';

export class AppraisalSubjectDto {
  @SubjectTypeProperty()
  subjectType: 'member' | 'unit';

  @SubjectIdProperty()
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

export class ExcellentLimitDto {
  @ApiProperty({ enum: ['member', 'unit'], description: 'Ratings of members (by their unit) or of units (by their parent).' })
  @IsIn(['member', 'unit'])
  subjectType: 'member' | 'unit';

  @ApiPropertyOptional({ description: 'One reviewing unit, with `max`; without it, `maxShare` applies to every reviewing unit.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  reviewerUnitId?: string;

  @ApiPropertyOptional({ description: 'At most this share of those a unit reviews (0.2: 20 %, rounded down).', example: 0.2 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  maxShare?: number;

  @ApiPropertyOptional({ description: 'At most this many, for the reviewing unit named.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  max?: number;
}

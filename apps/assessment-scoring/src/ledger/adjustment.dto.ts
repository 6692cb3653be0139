import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { invalid } from '../common/messages';
import { IsIn, IsMongoId, IsNumber, IsOptional, IsString, Matches, MinLength, NotEquals } from 'class-validator';
import { SubjectIdProperty, SubjectTypeProperty } from '../common/subject.properties';

export class AdjustmentDto {
  @SubjectTypeProperty()
  subjectType: 'member' | 'unit';

  @SubjectIdProperty()
  subjectId: string;

  @ApiProperty({ description: 'The indicator the points count under.' })
  @IsString()
  @MinLength(1)
  indicatorId: string;

  @ApiProperty({ description: 'Points to add (negative to deduct); never zero.' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @NotEquals(0)
  points: number;

  @ApiProperty({ description: 'Why: kept on the line and in the audit trail.' })
  @IsString()
  @MinLength(3)
  reason: string;

  @ApiPropertyOptional({ description: 'The day the points belong to (YYYY-MM-DD); today by default.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: invalid('validation.day', 'occurredOn') })
  occurredOn?: string;

  @ApiPropertyOptional({ description: 'The ledger line this corrects.' })
  @IsOptional()
  @IsMongoId()
  correctsLineId?: string;
}

export class DerivationDto {
  @ApiProperty({ enum: ['week', 'month', 'year'] })
  @IsIn(['week', 'month', 'year'])
  window: 'week' | 'month' | 'year';

  @ApiProperty({ example: '2026-W48' })
  @IsString()
  periodKey: string;
}

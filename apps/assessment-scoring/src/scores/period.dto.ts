import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { invalid } from '../common/messages';
import { STANDING_PERIOD_PATTERN } from '../rules/periods';

export class PeriodQueryDto {
  @ApiPropertyOptional({ description: '`campaign` (default), an ISO week `2026-W48` or a month `2026-11`.' })
  @IsOptional()
  @Matches(STANDING_PERIOD_PATTERN, { message: invalid('validation.period', 'period') })
  period: string = 'campaign';
}

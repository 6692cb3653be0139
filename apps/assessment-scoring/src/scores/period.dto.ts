import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { STANDING_PERIOD_PATTERN } from '../rules/periods';

export class PeriodQueryDto {
  @ApiPropertyOptional({ description: '`campaign` (default), an ISO week `2026-W48` or a month `2026-11`.' })
  @IsOptional()
  @Matches(STANDING_PERIOD_PATTERN, { message: 'period must be campaign, an ISO week like 2026-W48 or a month like 2026-11' })
  period: string = 'campaign';
}

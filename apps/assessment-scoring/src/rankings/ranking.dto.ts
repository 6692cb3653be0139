import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { STANDING_PERIOD_PATTERN } from '../rules/periods';
import { RANKING_SCOPES, RankingScope } from './ranking.types';

const PERIOD_MESSAGE = 'must be campaign, an ISO week like 2026-W48 or a month like 2026-11';

export class RankingScopeDto {
  @ApiProperty({ enum: RANKING_SCOPES })
  @IsIn(RANKING_SCOPES)
  scope: RankingScope;

  @ApiPropertyOptional({ description: 'The system (system-units) or the unit (subtree-units: the units below it; unit-members).' })
  @IsOptional()
  @IsString()
  scopeId?: string;
}

export class RankingQueryDto extends RankingScopeDto {
  @ApiPropertyOptional({ default: 'campaign' })
  @IsOptional()
  @Matches(STANDING_PERIOD_PATTERN, { message: `period ${PERIOD_MESSAGE}` })
  period: string = 'campaign';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize: number = 50;

  @ApiPropertyOptional({ description: 'Campaign totals as they stood at this instant (ISO date-time), from the ledger.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'asOf must be an ISO date-time' })
  asOf?: Date;
}

export class MoversQueryDto extends RankingScopeDto {
  @ApiProperty({ example: '2026-W47' })
  @Matches(STANDING_PERIOD_PATTERN, { message: `from ${PERIOD_MESSAGE}` })
  from: string;

  @ApiProperty({ example: '2026-W48' })
  @Matches(STANDING_PERIOD_PATTERN, { message: `to ${PERIOD_MESSAGE}` })
  to: string;
}

export class PublishRankingDto extends RankingScopeDto {
  @ApiPropertyOptional({ default: 'campaign' })
  @IsOptional()
  @Matches(STANDING_PERIOD_PATTERN, { message: `period ${PERIOD_MESSAGE}` })
  period: string = 'campaign';
}

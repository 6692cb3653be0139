import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { invalid } from '../common/messages';
import { STANDING_PERIOD_PATTERN } from '../rules/periods';
import { RANKING_SCOPES, RankingScope } from './ranking.types';


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
  @Matches(STANDING_PERIOD_PATTERN, { message: invalid('validation.period', 'period') })
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
  @IsDate({ message: invalid('validation.date-time', 'asOf') })
  asOf?: Date;
}

export class MoversQueryDto extends RankingScopeDto {
  @ApiProperty({ example: '2026-W47' })
  @Matches(STANDING_PERIOD_PATTERN, { message: invalid('validation.period', 'from') })
  from: string;

  @ApiProperty({ example: '2026-W48' })
  @Matches(STANDING_PERIOD_PATTERN, { message: invalid('validation.period', 'to') })
  to: string;
}

export class PublishRankingDto extends RankingScopeDto {
  @ApiPropertyOptional({ default: 'campaign' })
  @IsOptional()
  @Matches(STANDING_PERIOD_PATTERN, { message: invalid('validation.period', 'period') })
  period: string = 'campaign';
}

import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LedgerModule } from '../ledger/ledger.module';
import { StandingsModule } from '../standings/standings.module';
import { RankingView } from './ranking-view';
import { RankingsController } from './rankings.controller';
import { RankingsService } from './rankings.service';

const rankingView = {
  provide: RankingView,
  inject: [ConfigService],
  useFactory: (config: ConfigService) =>
    new RankingView({ maxStandings: config.getOrThrow<number>('RANKING_VIEW_MAX_STANDINGS'), maxAgeMs: config.getOrThrow<number>('RANKING_VIEW_MAX_AGE_MS') }),
};

@Module({ imports: [LedgerModule, StandingsModule], controllers: [RankingsController], providers: [RankingsService, rankingView], exports: [RankingsService, RankingView] })
export class RankingsModule {}

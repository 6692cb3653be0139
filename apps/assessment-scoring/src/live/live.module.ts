import { Module } from '@nestjs/common';
import { RankingsModule } from '../rankings/rankings.module';
import { LiveScoresController } from './live-scores.controller';
import { LiveScoresService } from './live-scores.service';
import { LiveViewsService } from './live-views.service';

@Module({ imports: [RankingsModule], controllers: [LiveScoresController], providers: [LiveScoresService, LiveViewsService] })
export class LiveModule {}

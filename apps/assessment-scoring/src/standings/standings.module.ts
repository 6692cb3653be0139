import { Module } from '@nestjs/common';
import { ReconciliationJob } from './reconciliation.job';
import { ScoreAnnouncements } from './score-announcements';
import { StandingsService } from './standings.service';

@Module({ providers: [StandingsService, ScoreAnnouncements, ReconciliationJob], exports: [StandingsService] })
export class StandingsModule {}

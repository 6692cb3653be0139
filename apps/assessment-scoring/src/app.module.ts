import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { AppraisalController } from './appraisal/appraisal.controller';
import { AppraisalRoundSchema, AppraisalSchema, ExcellentLimitSchema, ExcellentPlaceSchema, HonourQuotaSchema } from './appraisal/appraisal.schemas';
import { AppraisalService } from './appraisal/appraisal.service';
import { AuditController } from './audit/audit.controller';
import { AuditEntrySchema } from './audit/audit-entry.schema';
import { AuditService } from './audit/audit.service';
import { AccessService } from './common/access.service';
import { ErrorCodeFilter } from './common/error-codes.filter';
import { MEMBER_CONTEXT_MAX_AGE_MS, MemberContextCache } from './common/member-context-cache';
import { UnitSystemsCache } from './common/unit-systems-cache';
import { NameCache } from './common/name-cache';
import { NamesService } from './common/names.service';
import { assessmentScoringEnv } from './config';
import { ActivityEventsHandlers } from './integration-events/activity-events.handlers';
import { CampaignReadModelHandlers } from './integration-events/campaign-read-model.handlers';
import { OrgReadModelHandlers } from './integration-events/org-read-model.handlers';
import { READ_MODELS } from './integration-events/read-model.schemas';
import { AdjustmentsService } from './ledger/adjustments.service';
import { DerivationService } from './ledger/derivation.service';
import { LedgerLineSchema } from './ledger/ledger-line.schema';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerService } from './ledger/ledger.service';
import { LiveScoresController } from './live/live-scores.controller';
import { LiveScoresService } from './live/live-scores.service';
import { LiveViewsService } from './live/live-views.service';
import { RecomputeService } from './ledger/recompute.service';
import { ScoreFactSchema } from './ledger/score-fact.schema';
import { ScoringService } from './ledger/scoring.service';
import { RankingSnapshotSchema } from './rankings/ranking-snapshot.schema';
import { RankingView } from './rankings/ranking-view';
import { RankingsController } from './rankings/rankings.controller';
import { RankingsService } from './rankings/rankings.service';
import { SchemeVersionSchema } from './schemes/scheme.schema';
import { SchemesController } from './schemes/schemes.controller';
import { SchemePreviewService } from './schemes/scheme-preview.service';
import { SchemesService } from './schemes/schemes.service';
import { ExplainService } from './scores/explain.service';
import { ScoresController } from './scores/scores.controller';
import { ReconciliationJob } from './standings/reconciliation.job';
import { ScoreAnnouncementSchema } from './standings/score-announcement.schema';
import { ScoreAnnouncements } from './standings/score-announcements';
import { StandingSchema } from './standings/standing.schema';
import { StandingsService } from './standings/standings.service';

@Module({
  imports: [
    ServiceKitModule.forRoot({ serviceName: 'assessment-scoring', envSchema: assessmentScoringEnv }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({ publishes: 'scoring', consumes: ['org', 'activity'] }),
    AuthModule,
    MongooseModule.forFeature([
      ...READ_MODELS,
      { name: 'SchemeVersion', schema: SchemeVersionSchema },
      { name: 'ScoreFact', schema: ScoreFactSchema },
      { name: 'LedgerLine', schema: LedgerLineSchema },
      { name: 'Standing', schema: StandingSchema },
      { name: 'ScoreAnnouncement', schema: ScoreAnnouncementSchema },
      { name: 'RankingSnapshot', schema: RankingSnapshotSchema },
      { name: 'Appraisal', schema: AppraisalSchema },
      { name: 'AppraisalRound', schema: AppraisalRoundSchema },
      { name: 'HonourQuota', schema: HonourQuotaSchema },
      { name: 'ExcellentLimit', schema: ExcellentLimitSchema },
      { name: 'ExcellentPlace', schema: ExcellentPlaceSchema },
      { name: 'AuditEntry', schema: AuditEntrySchema },
    ]),
  ],
  controllers: [SchemesController, LedgerController, ScoresController, RankingsController, AppraisalController, AuditController, LiveScoresController, OrgReadModelHandlers, CampaignReadModelHandlers, ActivityEventsHandlers],
  providers: [
    { provide: APP_FILTER, useClass: ErrorCodeFilter },
    AuditService,
    AccessService,
    { provide: NameCache, inject: [ConfigService], useFactory: (config: ConfigService) => new NameCache(config.getOrThrow<number>('NAME_CACHE_MAX_NAMES')) },
    {
      provide: MemberContextCache,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => new MemberContextCache(config.getOrThrow<number>('MEMBER_CONTEXT_CACHE_MAX_MEMBERS'), MEMBER_CONTEXT_MAX_AGE_MS),
    },
    { provide: UnitSystemsCache, inject: [ConfigService], useFactory: (config: ConfigService) => new UnitSystemsCache(config.getOrThrow<number>('UNIT_SYSTEMS_CACHE_MAX_UNITS')) },
    NamesService,
    SchemesService,
    SchemePreviewService,
    ScoreAnnouncements,
    StandingsService,
    LedgerService,
    ScoringService,
    RecomputeService,
    DerivationService,
    AdjustmentsService,
    ExplainService,
    LiveScoresService,
    {
      provide: RankingView,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        new RankingView({ maxStandings: config.getOrThrow<number>('RANKING_VIEW_MAX_STANDINGS'), maxAgeMs: config.getOrThrow<number>('RANKING_VIEW_MAX_AGE_MS') }),
    },
    LiveViewsService,
    RankingsService,
    AppraisalService,
    ReconciliationJob,
  ],
})
export class AppModule {}

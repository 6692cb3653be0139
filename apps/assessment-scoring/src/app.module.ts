import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { AppraisalModule } from './appraisal/appraisal.module';
import { AuditModule } from './audit/audit.module';
import { CommonModule } from './common/common.module';
import { ErrorCodeFilter } from './common/error-codes.filter';
import { assessmentScoringEnv } from './config';
import { CampaignReadModelHandlers } from './integration-events/campaign-read-model.handlers';
import { IntegrationEventsModule } from './integration-events/integration-events.module';
import { OrgReadModelHandlers } from './integration-events/org-read-model.handlers';
import { READ_MODELS } from './integration-events/read-model.schemas';
import { LedgerModule } from './ledger/ledger.module';
import { LiveModule } from './live/live.module';
import { RankingsModule } from './rankings/rankings.module';
import { SchemesModule } from './schemes/schemes.module';
import { ScoresModule } from './scores/scores.module';
import { StandingsModule } from './standings/standings.module';
import { StoreModule } from './store/store.module';

const readModels = MongooseModule.forFeature(READ_MODELS);

/** The read models of org-registry's and activity-records' data in one place until the org read model moves to libs/org-read-model. */
@Global()
@Module({ imports: [readModels, StandingsModule], providers: [OrgReadModelHandlers, CampaignReadModelHandlers], exports: [readModels] })
class ReadModelsModule {}

@Module({
  imports: [
    // Feature modules first: their routes and OpenAPI paths keep the order they had as AppModule's own controllers.
    SchemesModule,
    LedgerModule,
    ScoresModule,
    RankingsModule,
    AppraisalModule,
    AuditModule,
    LiveModule,
    IntegrationEventsModule,
    ServiceKitModule.forRoot({ serviceName: 'assessment-scoring', envSchema: assessmentScoringEnv }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({ publishes: 'scoring', consumes: ['org', 'activity'] }),
    AuthModule,
    StoreModule,
    ReadModelsModule,
    CommonModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ErrorCodeFilter }],
})
export class AppModule {}

import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { OrgReadModelModule } from '@campaign/org-read-model';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { AppraisalModule } from './appraisal/appraisal.module';
import { AuditModule } from './audit/audit.module';
import { CommonModule } from './common/common.module';
import { ErrorCodeFilter } from './common/error-codes.filter';
import { assessmentScoringEnv } from './config';
import { CampaignReadModelHandlers } from './integration-events/campaign-read-model.handlers';
import { IntegrationEventsModule } from './integration-events/integration-events.module';
import { scoringOrgReadModel } from './integration-events/org-read-model.config';
import { READ_MODELS } from './integration-events/read-model.schemas';
import { StandingsRelisting } from './integration-events/standings-relisting';
import { LedgerModule } from './ledger/ledger.module';
import { LiveModule } from './live/live.module';
import { RankingsModule } from './rankings/rankings.module';
import { SchemesModule } from './schemes/schemes.module';
import { ScoresModule } from './scores/scores.module';
import { StandingsModule } from './standings/standings.module';
import { StoreModule } from './store/store.module';

const readModels = MongooseModule.forFeature(READ_MODELS);

/** The campaign read model, and what follows a member's move or leave in the org read model: standings relisted. */
@Global()
@Module({ imports: [readModels, StandingsModule], controllers: [CampaignReadModelHandlers], providers: [StandingsRelisting], exports: [readModels] })
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
    OrgReadModelModule.forRoot(scoringOrgReadModel),
    StoreModule,
    ReadModelsModule,
    CommonModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ErrorCodeFilter }],
})
export class AppModule {}

import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { AccessModule } from './access/access.module';
import { ActivitiesModule } from './activities/activities.module';
import { AttendanceModule } from './attendance/attendance.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { activityRecordsEnv } from './config';
import { LocalisedErrorFilter } from './i18n/localised-error.filter';
import { LocalisedValidationPipe } from './i18n/localised-validation.pipe';
import { OrgEventsHandlers } from './integration-events/org-events.handlers';
import { ObligationTrackingModule } from './obligations/obligation-tracking.module';
import { ObligationsModule } from './obligations/obligations.module';
import { OrgDirectoryService } from './org-read-model/org-directory.service';
import { OrgReadModelController } from './org-read-model/org-read-model.controller';
import { OrgReadModelRebuilder } from './org-read-model/org-read-model-rebuilder';
import { ORG_MEMBER, ORG_SYSTEM, ORG_UNIT, orgMemberSchema, orgSystemSchema, orgUnitSchema } from './org-read-model/org-read-model.schemas';
import { OrgReadModelService } from './org-read-model/org-read-model.service';
import { ParticipationModule } from './participation/participation.module';
import { PlansModule } from './plans/plans.module';
import { ResponseInterceptor } from './responses/response.interceptor';
import { ResponsesModule } from './responses/responses.module';
import { ReviewQueueModule } from './review-queue/review-queue.module';
import { StoreModule } from './store/store.module';
import { StudyLogModule } from './study-log/study-log.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { TargetsModule } from './targets/targets.module';

const orgReadModels = MongooseModule.forFeature([
  { name: ORG_UNIT, schema: orgUnitSchema },
  { name: ORG_MEMBER, schema: orgMemberSchema },
  { name: ORG_SYSTEM, schema: orgSystemSchema },
]);

/** The org read model in one place until it moves to libs/org-read-model; global, as every feature reads the directory. */
@Global()
@Module({
  imports: [orgReadModels, AccessModule, ObligationTrackingModule],
  controllers: [OrgReadModelController],
  providers: [OrgReadModelService, OrgDirectoryService, OrgEventsHandlers, OrgReadModelRebuilder],
  exports: [orgReadModels, OrgReadModelService, OrgDirectoryService],
})
class OrgReadModelModule {}

@Module({
  imports: [
    // Feature modules first: their routes and OpenAPI paths keep the order they had as AppModule's own controllers.
    OrgReadModelModule,
    CampaignsModule,
    PlansModule,
    ActivitiesModule,
    AttendanceModule,
    StudyLogModule,
    SubmissionsModule,
    TargetsModule,
    ObligationsModule,
    ReviewQueueModule,
    ParticipationModule,
    ResponsesModule,
    ServiceKitModule.forRoot({ serviceName: 'activity-records', envSchema: activityRecordsEnv }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({ publishes: 'activity', consumes: ['org'] }),
    AuthModule,
    StoreModule,
  ],
  providers: [
    // Runs before service-kit's global pipe, so invalid requests are refused with localised, per-field problems.
    { provide: APP_PIPE, useClass: LocalisedValidationPipe },
    { provide: APP_FILTER, useClass: LocalisedErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: ResponseInterceptor },
  ],
})
export class AppModule {}

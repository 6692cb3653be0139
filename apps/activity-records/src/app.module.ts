import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { OrgReadModelModule } from '@campaign/org-read-model';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { AccessModule } from './access/access.module';
import { ActivitiesModule } from './activities/activities.module';
import { AttendanceModule } from './attendance/attendance.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { activityRecordsEnv } from './config';
import { LocalisedErrorFilter } from './i18n/localised-error.filter';
import { LocalisedValidationPipe } from './i18n/localised-validation.pipe';
import { MemberObligations } from './integration-events/member-obligations';
import { ObligationTrackingModule } from './obligations/obligation-tracking.module';
import { ObligationsModule } from './obligations/obligations.module';
import { OrgDirectoryService } from './org-read-model/org-directory.service';
import { OrgReadModelController } from './org-read-model/org-read-model.controller';
import { activityOrgReadModel } from './org-read-model/org-read-model.config';
import { OrgReadModelRebuilder } from './org-read-model/org-read-model-rebuilder';
import { ParticipationModule } from './participation/participation.module';
import { PlansModule } from './plans/plans.module';
import { ResponseInterceptor } from './responses/response.interceptor';
import { ResponsesModule } from './responses/responses.module';
import { ReviewQueueModule } from './review-queue/review-queue.module';
import { StoreModule } from './store/store.module';
import { StudyLogModule } from './study-log/study-log.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { TargetsModule } from './targets/targets.module';

/** This service's side of the org read model (its queries, the rebuild, what follows a member's move or leave); global, as every feature reads the directory. */
@Global()
@Module({
  imports: [AccessModule, ObligationTrackingModule],
  controllers: [OrgReadModelController],
  providers: [OrgDirectoryService, MemberObligations, OrgReadModelRebuilder],
  exports: [OrgDirectoryService],
})
class OrgDirectoryModule {}

@Module({
  imports: [
    // Feature modules first: their routes and OpenAPI paths keep the order they had as AppModule's own controllers.
    OrgDirectoryModule,
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
    OrgReadModelModule.forRoot(activityOrgReadModel),
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

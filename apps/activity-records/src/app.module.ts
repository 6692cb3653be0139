import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { AccessService } from './access/access.service';
import { ActivityController } from './activities/activity.controller';
import { ActivityService } from './activities/activity.service';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceService } from './attendance/attendance.service';
import { CheckInImportService } from './attendance/check-in-import.service';
import { WeeklyStudyProgressService } from './attendance/weekly-study-progress.service';
import { CampaignController } from './campaigns/campaign.controller';
import { CampaignService } from './campaigns/campaign.service';
import { activityRecordsEnv } from './config';
import { LocalisedErrorFilter } from './i18n/localised-error.filter';
import { LocalisedValidationPipe } from './i18n/localised-validation.pipe';
import { OrgEventsHandlers } from './integration-events/org-events.handlers';
import { MemberStudyObligations } from './obligations/member-study.service';
import { ObligationAnnouncer } from './obligations/obligation-announcer';
import { ObligationController } from './obligations/obligation.controller';
import { ObligationEvaluator } from './obligations/obligation-evaluator';
import { ObligationService } from './obligations/obligation.service';
import { OrgDirectoryService } from './org-read-model/org-directory.service';
import { OrgReadModelController } from './org-read-model/org-read-model.controller';
import { OrgReadModelRebuilder } from './org-read-model/org-read-model-rebuilder';
import { OrgReadModelService } from './org-read-model/org-read-model.service';
import { ParticipationController } from './participation/participation.controller';
import { ParticipationService } from './participation/participation.service';
import { PlanController } from './plans/plan.controller';
import { PlanService } from './plans/plan.service';
import { NamesService } from './responses/names.service';
import { ResponseInterceptor } from './responses/response.interceptor';
import { ReviewQueueController } from './review-queue/review-queue.controller';
import { ReviewQueueService } from './review-queue/review-queue.service';
import { StoreModule } from './store/store.module';
import { StudyLogController } from './study-log/study-log.controller';
import { StudyLogService } from './study-log/study-log.service';
import { SubmissionController } from './submissions/submission.controller';
import { SubmissionService } from './submissions/submission.service';
import { TargetController } from './targets/target.controller';
import { TargetService } from './targets/target.service';

@Module({
  imports: [
    ServiceKitModule.forRoot({ serviceName: 'activity-records', envSchema: activityRecordsEnv }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({ publishes: 'activity', consumes: ['org'] }),
    AuthModule,
    StoreModule,
  ],
  controllers: [
    OrgReadModelController,
    CampaignController,
    PlanController,
    ActivityController,
    AttendanceController,
    StudyLogController,
    SubmissionController,
    TargetController,
    ObligationController,
    ReviewQueueController,
    ParticipationController,
    OrgEventsHandlers,
  ],
  providers: [
    OrgReadModelService,
    OrgDirectoryService,
    OrgReadModelRebuilder,
    AccessService,
    CampaignService,
    PlanService,
    ActivityService,
    AttendanceService,
    CheckInImportService,
    WeeklyStudyProgressService,
    StudyLogService,
    SubmissionService,
    TargetService,
    ObligationService,
    ObligationAnnouncer,
    MemberStudyObligations,
    ObligationEvaluator,
    ReviewQueueService,
    NamesService,
    // Runs before service-kit's global pipe, so invalid requests are refused with localised, per-field problems.
    { provide: APP_PIPE, useClass: LocalisedValidationPipe },
    { provide: APP_FILTER, useClass: LocalisedErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: ResponseInterceptor },
    ParticipationService,
  ],
})
export class AppModule {}

import { Module } from '@nestjs/common';
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
import { OrgEventsHandlers } from './integration-events/org-events.handlers';
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
    ParticipationController,
  ],
  providers: [
    OrgReadModelService,
    OrgDirectoryService,
    OrgEventsHandlers,
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
    ObligationEvaluator,
    ParticipationService,
  ],
})
export class AppModule {}

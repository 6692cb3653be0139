import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ActivitiesModule } from '../activities/activities.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ObligationTrackingModule } from '../obligations/obligation-tracking.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { CheckInImportService } from './check-in-import.service';
import { WeeklyStudyProgressService } from './weekly-study-progress.service';

@Module({
  imports: [ActivitiesModule, CampaignsModule, AccessModule, ObligationTrackingModule],
  controllers: [AttendanceController],
  providers: [AttendanceService, CheckInImportService, WeeklyStudyProgressService],
  exports: [AttendanceService],
})
export class AttendanceModule {}

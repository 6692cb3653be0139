import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ObligationTrackingModule } from '../obligations/obligation-tracking.module';
import { StudyLogController } from './study-log.controller';
import { StudyLogService } from './study-log.service';

@Module({ imports: [CampaignsModule, AccessModule, ObligationTrackingModule], controllers: [StudyLogController], providers: [StudyLogService], exports: [StudyLogService] })
export class StudyLogModule {}

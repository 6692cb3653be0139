import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ObligationTrackingModule } from '../obligations/obligation-tracking.module';
import { SubmissionController } from './submission.controller';
import { SubmissionService } from './submission.service';

@Module({ imports: [CampaignsModule, AccessModule, ObligationTrackingModule], controllers: [SubmissionController], providers: [SubmissionService], exports: [SubmissionService] })
export class SubmissionsModule {}

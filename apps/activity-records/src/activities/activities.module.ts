import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ObligationTrackingModule } from '../obligations/obligation-tracking.module';
import { ActivityController } from './activity.controller';
import { ActivityService } from './activity.service';

@Module({ imports: [CampaignsModule, AccessModule, ObligationTrackingModule], controllers: [ActivityController], providers: [ActivityService], exports: [ActivityService] })
export class ActivitiesModule {}

import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ObligationTrackingModule } from '../obligations/obligation-tracking.module';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';

@Module({ imports: [CampaignsModule, AccessModule, ObligationTrackingModule], controllers: [PlanController], providers: [PlanService], exports: [PlanService] })
export class PlansModule {}

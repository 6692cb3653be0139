import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ObligationEvaluator } from './obligation-evaluator';
import { ObligationController } from './obligation.controller';
import { ObligationTrackingModule } from './obligation-tracking.module';
import { ObligationViewsService } from './obligation-views.service';

@Module({ imports: [ObligationTrackingModule, CampaignsModule, AccessModule], controllers: [ObligationController], providers: [ObligationEvaluator, ObligationViewsService] })
export class ObligationsModule {}

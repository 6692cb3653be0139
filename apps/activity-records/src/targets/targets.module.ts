import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ObligationTrackingModule } from '../obligations/obligation-tracking.module';
import { TargetController } from './target.controller';
import { TargetService } from './target.service';

@Module({ imports: [CampaignsModule, AccessModule, ObligationTrackingModule], controllers: [TargetController], providers: [TargetService], exports: [TargetService] })
export class TargetsModule {}

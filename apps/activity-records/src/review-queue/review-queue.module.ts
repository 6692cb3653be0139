import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { PlansModule } from '../plans/plans.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { TargetsModule } from '../targets/targets.module';
import { ReviewQueueController } from './review-queue.controller';
import { ReviewQueueService } from './review-queue.service';

@Module({ imports: [AccessModule, PlansModule, SubmissionsModule, TargetsModule], controllers: [ReviewQueueController], providers: [ReviewQueueService] })
export class ReviewQueueModule {}

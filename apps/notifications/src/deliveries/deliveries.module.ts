import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveryWorker } from './delivery-worker.service';
import { FailuresController } from './failures.controller';
import { FailuresService } from './failures.service';

@Module({
  imports: [SettingsModule],
  controllers: [FailuresController],
  providers: [EmailChannel, WebhookChannel, DeliveryWorker, FailuresService],
  exports: [EmailChannel, DeliveryWorker],
})
export class DeliveriesModule {}

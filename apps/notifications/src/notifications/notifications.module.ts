import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { PreferencesModule } from '../preferences/preferences.module';
import { SettingsModule } from '../settings/settings.module';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { NotificationsController } from './notifications.controller';
import { Notifier } from './notifier.service';
import { SentNotificationsService } from './sent-notifications.service';

@Module({
  imports: [PreferencesModule, SettingsModule, DeliveriesModule],
  controllers: [InboxController, NotificationsController],
  providers: [Notifier, InboxService, SentNotificationsService],
  exports: [Notifier],
})
export class NotificationsModule {}

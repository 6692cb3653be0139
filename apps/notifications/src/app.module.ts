import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { Clock } from './clock/clock';
import { notificationsEnv } from './config';
import { EmailChannel } from './deliveries/channels/email.channel';
import { WebhookChannel } from './deliveries/channels/webhook.channel';
import { DeliveryWorker } from './deliveries/delivery-worker.service';
import { DELIVERY, deliverySchema } from './deliveries/delivery.schema';
import { FailuresController } from './deliveries/failures.controller';
import { FailuresService } from './deliveries/failures.service';
import { DigestService } from './digests/digest.service';
import { DirectoryService } from './directory/directory.service';
import { DIRECTORY_MEMBER, directoryMemberSchema } from './directory/member.schema';
import { DIRECTORY_UNIT, directoryUnitSchema } from './directory/unit.schema';
import { ProblemFilter } from './i18n/problems';
import { ActivityEventHandlers } from './integration-events/activity-events.handlers';
import { OrgReadModelHandlers } from './integration-events/org-read-model.handlers';
import { ScoringEventHandlers } from './integration-events/scoring-events.handlers';
import { InboxController } from './notifications/inbox.controller';
import { InboxService } from './notifications/inbox.service';
import { NOTIFICATION, notificationSchema } from './notifications/notification.schema';
import { NotificationsController } from './notifications/notifications.controller';
import { Notifier } from './notifications/notifier.service';
import { SentNotificationsService } from './notifications/sent-notifications.service';
import { TRACKED_OBLIGATION, trackedObligationSchema } from './obligations/obligation.schema';
import { ObligationsService } from './obligations/obligations.service';
import { MEMBER_PREFERENCE, memberPreferenceSchema } from './preferences/preference.schema';
import { PreferencesController } from './preferences/preferences.controller';
import { PreferencesService } from './preferences/preferences.service';
import { SCHEDULED_REMINDER, scheduledReminderSchema } from './reminders/reminder.schema';
import { RemindersService } from './reminders/reminders.service';
import { RuleEngine } from './rules/rule-engine.service';
import { NOTIFICATION_RULE, notificationRuleSchema } from './rules/rule.schema';
import { RulesController } from './rules/rules.controller';
import { RulesService } from './rules/rules.service';
import { Scheduler } from './scheduler/scheduler.service';
import { WorkerIdentity } from './scheduler/worker-identity';
import { DISTRICT_SETTINGS, districtSettingsSchema } from './settings/district-settings.schema';
import { SettingsController } from './settings/settings.controller';
import { SettingsService } from './settings/settings.service';
import { ClaimTokenPruner } from './store/claim-token-pruner';
import { ClaimTokens } from './store/claim-tokens';

@Module({
  imports: [
    ServiceKitModule.forRoot({ serviceName: 'notifications', envSchema: notificationsEnv }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({ publishes: 'notifications', consumes: ['org', 'activity', 'scoring'] }),
    AuthModule,
    MongooseModule.forFeature([
      { name: DIRECTORY_MEMBER, schema: directoryMemberSchema },
      { name: DIRECTORY_UNIT, schema: directoryUnitSchema },
      { name: DISTRICT_SETTINGS, schema: districtSettingsSchema },
      { name: NOTIFICATION_RULE, schema: notificationRuleSchema },
      { name: MEMBER_PREFERENCE, schema: memberPreferenceSchema },
      { name: NOTIFICATION, schema: notificationSchema },
      { name: DELIVERY, schema: deliverySchema },
      { name: SCHEDULED_REMINDER, schema: scheduledReminderSchema },
      { name: TRACKED_OBLIGATION, schema: trackedObligationSchema },
    ]),
  ],
  controllers: [RulesController, SettingsController, PreferencesController, InboxController, NotificationsController, FailuresController, OrgReadModelHandlers, ActivityEventHandlers, ScoringEventHandlers],
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    Clock,
    WorkerIdentity,
    ClaimTokens,
    ClaimTokenPruner,
    DirectoryService,
    SettingsService,
    RulesService,
    PreferencesService,
    ObligationsService,
    EmailChannel,
    WebhookChannel,
    DeliveryWorker,
    Notifier,
    InboxService,
    SentNotificationsService,
    FailuresService,
    RemindersService,
    RuleEngine,
    DigestService,
    Scheduler,
  ],
})
export class AppModule {}

import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { OrgReadModelModule } from '@campaign/org-read-model';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { ClockModule } from './clock/clock.module';
import { notificationsEnv } from './config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { DigestsModule } from './digests/digests.module';
import { DirectoryService } from './directory/directory.service';
import { directoryReadModel } from './directory/org-read-model.config';
import { ProblemFilter } from './i18n/problems';
import { IntegrationEventsModule } from './integration-events/integration-events.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObligationsModule } from './obligations/obligations.module';
import { PreferencesModule } from './preferences/preferences.module';
import { RemindersModule } from './reminders/reminders.module';
import { RuleEngineModule } from './rules/rule-engine.module';
import { RulesModule } from './rules/rules.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { SettingsModule } from './settings/settings.module';
import { StoreModule } from './store/store.module';

/** The audience look-ups over the org read model; global, as every feature addresses members. */
@Global()
@Module({ providers: [DirectoryService], exports: [DirectoryService] })
class DirectoryModule {}

@Module({
  imports: [
    // Feature modules first: their routes and OpenAPI paths keep the order they had as AppModule's own controllers.
    RulesModule,
    SettingsModule,
    PreferencesModule,
    NotificationsModule,
    DeliveriesModule,
    ObligationsModule,
    RemindersModule,
    RuleEngineModule,
    DigestsModule,
    SchedulerModule,
    IntegrationEventsModule,
    ServiceKitModule.forRoot({ serviceName: 'notifications', envSchema: notificationsEnv }),
    PersistenceModule.forRoot(),
    MessagingModule.forRoot({ publishes: 'notifications', consumes: ['org', 'activity', 'scoring'] }),
    AuthModule,
    OrgReadModelModule.forRoot(directoryReadModel),
    StoreModule,
    ClockModule,
    DirectoryModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule {}

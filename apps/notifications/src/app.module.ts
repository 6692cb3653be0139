import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule } from '@campaign/auth';
import { MessagingModule } from '@campaign/messaging';
import { PersistenceModule } from '@campaign/persistence';
import { ServiceKitModule } from '@campaign/service-kit';
import { ClockModule } from './clock/clock.module';
import { notificationsEnv } from './config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { DigestsModule } from './digests/digests.module';
import { DirectoryService } from './directory/directory.service';
import { DIRECTORY_MEMBER, directoryMemberSchema } from './directory/member.schema';
import { DIRECTORY_UNIT, directoryUnitSchema } from './directory/unit.schema';
import { ProblemFilter } from './i18n/problems';
import { IntegrationEventsModule } from './integration-events/integration-events.module';
import { OrgReadModelHandlers } from './integration-events/org-read-model.handlers';
import { NotificationsModule } from './notifications/notifications.module';
import { ObligationsModule } from './obligations/obligations.module';
import { PreferencesModule } from './preferences/preferences.module';
import { RemindersModule } from './reminders/reminders.module';
import { RuleEngineModule } from './rules/rule-engine.module';
import { RulesModule } from './rules/rules.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { SettingsModule } from './settings/settings.module';
import { StoreModule } from './store/store.module';

const directoryModels = MongooseModule.forFeature([
  { name: DIRECTORY_MEMBER, schema: directoryMemberSchema },
  { name: DIRECTORY_UNIT, schema: directoryUnitSchema },
]);

/** The org read model in one place until it moves to libs/org-read-model; global, as every feature reads the directory. */
@Global()
@Module({ imports: [directoryModels], providers: [DirectoryService, OrgReadModelHandlers], exports: [directoryModels, DirectoryService] })
class OrgReadModelModule {}

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
    StoreModule,
    ClockModule,
    OrgReadModelModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { RemindersModule } from '../reminders/reminders.module';
import { RuleEngine } from './rule-engine.service';
import { RulesModule } from './rules.module';

/** Apart from RulesModule: the engine schedules reminders, and reminders read the rules. */
@Module({ imports: [RulesModule, NotificationsModule, RemindersModule], providers: [RuleEngine], exports: [RuleEngine] })
export class RuleEngineModule {}

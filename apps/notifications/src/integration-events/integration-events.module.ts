import { Module } from '@nestjs/common';
import { ObligationsModule } from '../obligations/obligations.module';
import { RemindersModule } from '../reminders/reminders.module';
import { RuleEngineModule } from '../rules/rule-engine.module';
import { SettingsModule } from '../settings/settings.module';
import { ActivityEventHandlers } from './activity-events.handlers';
import { ScoringEventHandlers } from './scoring-events.handlers';

@Module({ imports: [RuleEngineModule, RemindersModule, ObligationsModule, SettingsModule], controllers: [ActivityEventHandlers, ScoringEventHandlers] })
export class IntegrationEventsModule {}

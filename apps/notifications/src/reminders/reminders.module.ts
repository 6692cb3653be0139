import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { RulesModule } from '../rules/rules.module';
import { RemindersService } from './reminders.service';

@Module({ imports: [RulesModule, NotificationsModule], providers: [RemindersService], exports: [RemindersService] })
export class RemindersModule {}

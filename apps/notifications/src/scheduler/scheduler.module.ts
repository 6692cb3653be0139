import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { DigestsModule } from '../digests/digests.module';
import { RemindersModule } from '../reminders/reminders.module';
import { Scheduler } from './scheduler.service';

@Module({ imports: [RemindersModule, DeliveriesModule, DigestsModule], providers: [Scheduler] })
export class SchedulerModule {}

import 'reflect-metadata';
import { runService } from '@campaign/service-kit';
import { AppModule } from './app.module';
import { notificationsEnv } from './config';

void runService(AppModule, {
  envSchema: notificationsEnv,
  name: 'notifications',
  title: 'notifications',
  description: 'Rules from events to notifications, scheduled reminders, digests, in-app inbox, email and signed webhooks per district.',
});

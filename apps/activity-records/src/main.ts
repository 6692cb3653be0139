import 'reflect-metadata';
import { runService } from '@campaign/service-kit';
import { AppModule } from './app.module';
import { activityRecordsEnv } from './config';

void runService(AppModule, {
  envSchema: activityRecordsEnv,
  name: 'activity-records',
  title: 'activity-records',
  description:
    'Campaigns, implementation plans, themes and carriers, activities and attendance, study record books, submissions, responsibility targets and obligations.',
});

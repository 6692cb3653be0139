import 'reflect-metadata';
import { runService } from '@campaign/service-kit';
import { AppModule } from './app.module';
import { assessmentScoringEnv } from './config';

void runService(AppModule, {
  envSchema: assessmentScoringEnv,
  name: 'assessment-scoring',
  title: 'assessment-scoring',
  description: 'Assessment schemes, the auditable score ledger, standings and rankings (比学赶超), and the appraisal of units and members.',
});

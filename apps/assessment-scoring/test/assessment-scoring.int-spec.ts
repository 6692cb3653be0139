import { INestApplication } from '@nestjs/common';
import { apiFuzzCases, AUTHORIZATION_TABLE, authorizationMatrixCases, startTestService, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { AppModule } from '../src/app.module';
import { appraisalSuite } from './appraisal.suite';
import { groupCommitSuite } from './group-commit.suite';
import { liveScoresSuite } from './live-scores.suite';
import { pipelineSuite } from './scoring-pipeline.suite';

// One instance for every suite: instances of a service share its durable consumer, so two test apps would split the events.
let app: INestApplication;

beforeAll(async () => {
  app = await startTestService(AppModule, testServiceEnv(uniqueDatabase('scoring'), { RECONCILE_INTERVAL_MS: '0' }));
});

afterAll(async () => {
  await app?.close();
});

pipelineSuite(() => app);
appraisalSuite(() => app);
liveScoresSuite(() => app);
groupCommitSuite(() => app);
authorizationMatrixCases('assessment-scoring', AUTHORIZATION_TABLE['assessment-scoring'], () => app);

apiFuzzCases('assessment-scoring', () => app);

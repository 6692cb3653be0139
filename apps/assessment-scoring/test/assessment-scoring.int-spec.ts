import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { apiFuzzCases, AUTHORIZATION_TABLE, authorizationMatrixCases, startTestService, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { AppModule } from '../src/app.module';
import { CampaignView } from '../src/integration-events/read-model.schemas';
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

// Campaigns reach scoring as events; the fuzz district gets one per stage in the read model so its routes pass the campaign guard.
apiFuzzCases('assessment-scoring', () => app, {
  prepare: async (district) => {
    const campaigns = ['operation', 'appraisal'].map((stage) => ({ district, campaignId: `fuzz-campaign-${stage}`, name: `模糊测试 ${stage}`, stage, stageChangedAt: new Date() }));
    await app.get<Model<CampaignView>>(getModelToken('CampaignView')).insertMany(campaigns);
    return campaigns.map((campaign) => campaign.campaignId);
  },
});

import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CampaignLaunched, CampaignStageChanged, MemberEnrolled, UnitCreated } from '@campaign/contracts';
import { ORG_MEMBER } from '@campaign/org-read-model';
import { activeMember, eventually, startTestService, TARGET_TABLE, TargetFixture, targetMatrixCases, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { AppModule } from '../src/app.module';
import { caller, campaign2026, EventFeed, model, unit } from './support';

let app: INestApplication;
let feed: EventFeed;

beforeAll(async () => {
  app = await startTestService(AppModule, testServiceEnv(uniqueDatabase('scoring_targets'), { RECONCILE_INTERVAL_MS: '0' }));
});

afterAll(async () => {
  await feed?.close();
  await app?.close();
});

const scheme = {
  effectiveFrom: '2026-01-01',
  reason: '区委创先争优考核评价制度',
  indicators: [
    { id: 'study', name: '学习', subject: 'member', rules: [{ id: 'record-book', kind: 'study-hours', pointsPerHour: 1, caps: { day: 3, week: 10 } }] },
    { id: 'unit-work', name: '单位工作', subject: 'unit', rules: [{ id: 'plan', kind: 'plan-approval', points: 10, timeliness: { latePenalty: 5 } }] },
  ],
};

/**
 * 区委 with 黄金坳镇 (the unit admin's subtree: the member 张明 and a colleague 李华) and 芦坪乡 (outside it: 王芳), as
 * org-registry announces them, and a campaign in its appraisal stage, as activity-records announces it.
 */
async function seedTargets(): Promise<TargetFixture> {
  const district = `d-target-${randomUUID()}`;
  const campaignId = `c-${randomUUID()}`;
  feed = await EventFeed.connect(district);
  const [root, huangjinao, luping] = [['u-root'], ['u-root', 'u-huangjinao'], ['u-root', 'u-luping']];
  for (const [path, name] of [
    [root, '区委'],
    [huangjinao, '黄金坳镇'],
    [luping, '芦坪乡'],
  ] as const) {
    await feed.publish(UnitCreated, { unit: unit(path[path.length - 1], name, [...path]) });
  }
  for (const [memberId, name, path] of [
    ['m-zhang', '张明', huangjinao],
    ['m-li', '李华', huangjinao],
    ['m-wang', '王芳', luping],
  ] as const) {
    await feed.publish(MemberEnrolled, { member: activeMember(memberId, name, [...path]) });
  }
  await feed.publish(CampaignLaunched, campaign2026(campaignId));
  await feed.publish(CampaignStageChanged, { campaignId, from: 'operation', to: 'appraisal', changedAt: '2026-12-01T00:00:00.000Z' });
  await eventually(async () => {
    expect(await model(app, ORG_MEMBER).countDocuments({ district })).toBe(3);
    expect((await model<{ stage: string }>(app, 'CampaignView').findOne({ district, campaignId }).lean())?.stage).toBe('appraisal');
  });
  const admin = await caller(app, { sub: 'district-admin', district, roles: ['district-admin'] });
  await admin.post(`/campaigns/${campaignId}/schemes`, scheme).expect(201);
  return {
    district,
    subtreeRoot: 'u-huangjinao',
    memberId: 'm-zhang',
    records: {
      inside: { campaign: campaignId, unit: 'u-huangjinao', member: 'm-li' },
      outside: { campaign: campaignId, unit: 'u-luping', member: 'm-wang' },
      own: { campaign: campaignId, unit: 'u-huangjinao', member: 'm-zhang' },
    },
    secrets: ['黄金坳镇', '芦坪乡', '张明', '李华', '王芳', '区委创先争优考核评价制度'],
  };
}

targetMatrixCases('assessment-scoring', TARGET_TABLE['assessment-scoring'], () => app, seedTargets);

import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { MemberEnrolled, UnitCreated } from '@campaign/contracts';
import { eventually, startTestService, TARGET_TABLE, TargetFixture, targetMatrixCases, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { AppModule } from '../src/app.module';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { admin, bearer, createCampaign, harness, http, memberToken, org, unitAdmin } from './harness';
import { memberSnapshot, OrgPublisher, unitSnapshot } from './org-fixtures';

beforeAll(async () => {
  harness.app = await startTestService(AppModule, testServiceEnv(uniqueDatabase('activity_targets')));
  harness.org = await OrgPublisher.connect();
});

afterAll(async () => {
  await harness.org?.close();
  await harness.app?.close();
});

/**
 * 区委 with 区政协 (the unit admin's subtree: the member 张明 and a colleague 李华) and 区商业事务管理处 (outside it: 王芳),
 * as org-registry announces them; a campaign in operation, an activity, a plan, a submission, a study log and a target
 * of each.
 */
async function seedTargets(): Promise<TargetFixture> {
  const district = `d-target-${randomUUID()}`;
  const id = (name: string) => `${district}-${name}`;
  const [root, cppcc, commerce] = [id('quwei'), id('zhengxie'), id('shangwu')];
  const [own, colleague, outsider] = [id('zhang'), id('li'), id('wang')];
  await org().publish(UnitCreated, { unit: unitSnapshot(root, '区委', 'district-committee', null) }, district);
  await org().publish(UnitCreated, { unit: unitSnapshot(cppcc, '区政协', 'district-organ', [root]) }, district);
  await org().publish(UnitCreated, { unit: unitSnapshot(commerce, '区商业事务管理处', 'district-organ', [root]) }, district);
  await org().publish(MemberEnrolled, { member: memberSnapshot(own, '张明', [root, cppcc]) }, district);
  await org().publish(MemberEnrolled, { member: memberSnapshot(colleague, '李华', [root, cppcc]) }, district);
  await org().publish(MemberEnrolled, { member: memberSnapshot(outsider, '王芳', [root, commerce]) }, district);
  const readModel = (name: string) => (harness.app as INestApplication).get<Model<unknown>>(getModelToken(name));
  await eventually(
    async () => {
      expect(await readModel(ORG_UNIT).countDocuments({ district })).toBe(3);
      expect(await readModel(ORG_MEMBER).countDocuments({ district })).toBe(3);
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );

  const districtAdmin = bearer(await admin(district));
  const campaignId = (await createCampaign(district))._id;
  const recordsOf = async (unitId: string, memberId: string) => {
    const admin = bearer(await unitAdmin(district, unitId));
    const { body: plan } = await http().post('/plans').set(admin).send({ campaignId, unitId, theme: '提升三服务，实现三满意', carriers: [], institutions: { weeklyCollectiveStudy: true } }).expect(201);
    return { unit: unitId, member: memberId, plan: plan._id as string, campaign: campaignId };
  };
  const [inside, outside, mine] = [await recordsOf(cppcc, colleague), await recordsOf(commerce, outsider), { unit: cppcc, member: own, campaign: campaignId }];
  await http().post(`/campaigns/${campaignId}/stage`).set(districtAdmin).send({ to: 'operation' }).expect(201);
  const more = async (records: Record<string, string>) => {
    const member = bearer(await memberToken(district, records.member));
    const { body: activity } = await http()
      .post('/activities')
      .set(districtAdmin)
      .send({ campaignId, kind: 'collective-study', title: '集中学习', organiserUnitId: records.unit, startsAt: new Date().toISOString() })
      .expect(201);
    const { body: submission } = await http().post('/submissions').set(member).send({ campaignId, kind: 'reflection', year: 2026, title: '学习心得', content: '心得正文' }).expect(201);
    await http().post(`/members/${records.member}/study-log`).set(member).send({ studiedOn: '2026-11-20', topic: '党章', hours: 1, campaignId }).expect(201);
    await http()
      .post('/targets/bulk')
      .set(districtAdmin)
      .send({ campaignId, year: 2026, kind: 'individual', title: '走访群众二十户', dueAt: '2026-12-31T23:59:59+08:00', filter: { memberIds: [records.member] } })
      .expect(201);
    const { body: targets } = await http().get(`/members/${records.member}/targets`).set(districtAdmin).expect(200);
    return { ...records, activity: activity._id as string, submission: submission._id as string, target: targets[0]._id as string };
  };
  return {
    district,
    subtreeRoot: cppcc,
    memberId: own,
    records: { inside: await more(inside), outside: await more(outside), own: await more(mine) },
    secrets: ['区政协', '区商业事务管理处', '张明', '李华', '王芳', '集中学习', '学习心得', '走访群众二十户', '提升三服务'],
  };
}

targetMatrixCases('activity-records', TARGET_TABLE['activity-records'], () => harness.app as INestApplication, seedTargets);

import { getModelToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { MemberEnrolled, UnitCreated } from '@campaign/contracts';
import { eventually } from '@campaign/testing';
import { admin, app, bearer, createCampaign, http, memberToken, org, unitAdmin } from './harness';
import { memberSnapshot, unitSnapshot } from './org-fixtures';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { OrgMember, OrgUnit } from '../src/org-read-model/org-read-model.schemas';

/** Every key of a response body at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, field]) => [key, ...keysOf(field)]);
}

const internal = (body: unknown) => keysOf(body).filter((key) => (key.startsWith('_') && key !== '_id') || key === 'writeId');

export function accessRulesCases(): void {
  describe('one rule for out-of-scope requests, errors in the caller’s language, names beside ids, nothing internal', () => {
    const district = `d-${randomUUID()}`;
    const id = (name: string) => `${district}-${name}`;
    const [root, cppcc, commerce] = [id('quwei'), id('zhengxie'), id('shangwu')];
    const [zhang, li] = [id('zhang'), id('li')];
    const refs: Record<string, string> = {};
    let campaignId: string;

    beforeAll(async () => {
      await org().publish(UnitCreated, { unit: unitSnapshot(root, '区委', 'district-committee', null) }, district);
      await org().publish(UnitCreated, { unit: unitSnapshot(cppcc, '区政协', 'district-organ', [root]) }, district);
      await org().publish(UnitCreated, { unit: unitSnapshot(commerce, '区商业事务管理处', 'district-organ', [root]) }, district);
      await org().publish(MemberEnrolled, { member: memberSnapshot(zhang, '张明', [root, cppcc]) }, district);
      await org().publish(MemberEnrolled, { member: memberSnapshot(li, '李华', [root, commerce]) }, district);
      const members = app().get<Model<OrgMember>>(getModelToken(ORG_MEMBER));
      const units = app().get<Model<OrgUnit>>(getModelToken(ORG_UNIT));
      // Events of separate fetches are handled side by side: a member may be in the read model before its unit.
      await eventually(async () => expect([await units.countDocuments({ district }), await members.countDocuments({ district })]).toEqual([3, 2]), { timeoutMs: 60_000, intervalMs: 500 });

      const token = await admin(district);
      campaignId = (await createCampaign(district))._id;
      await http().post(`/campaigns/${campaignId}/carriers`).set(bearer(token)).send({ name: '亮牌示范' }).expect(201);
      await http().post(`/campaigns/${campaignId}/stage`).set(bearer(token)).send({ to: 'operation' }).expect(201);
      const { body: withCarrier } = await http().get(`/campaigns/${campaignId}`).set(bearer(token)).expect(200);

      const commerceAdmin = await unitAdmin(district, commerce);
      const { body: plan } = await http()
        .post('/plans')
        .set(bearer(commerceAdmin))
        .send({ campaignId, unitId: commerce, theme: '提升三服务，实现三满意', carriers: ['亮牌示范'], institutions: { weeklyCollectiveStudy: false } })
        .expect(201);
      refs.draftPlan = JSON.stringify(plan);
      await http().post(`/plans/${plan._id}/submit`).set(bearer(commerceAdmin)).expect(201);
      refs.plan = plan._id;
      const { body: activity } = await http()
        .post('/activities')
        .set(bearer(commerceAdmin))
        .send({ campaignId, kind: 'carrier-activity', title: '亮牌示范岗', organiserUnitId: commerce, carrierId: withCarrier.carriers[0].carrierId, startsAt: new Date().toISOString() })
        .expect(201);
      refs.activity = activity._id;
      const { body: attendance } = await http().put(`/activities/${activity._id}/attendance/${li}`).set(bearer(commerceAdmin)).send({ status: 'present' }).expect(200);
      refs.attendance = JSON.stringify(attendance);
      const { body: submission } = await http()
        .post('/submissions')
        .set(bearer(await memberToken(district, li)))
        .send({ campaignId, kind: 'reflection', year: 2026, title: '学习心得', content: '心得正文' })
        .expect(201);
      refs.submission = submission._id;
      await http().post(`/submissions/${submission._id}/review`).set(bearer(commerceAdmin)).send({ outcome: 'returned', comment: '请补充' }).expect(201);
      await http()
        .post('/targets/bulk')
        .set(bearer(token))
        .send({ campaignId, year: 2026, kind: 'individual', title: '走访商户二十家', dueAt: '2026-12-31T23:59:59+08:00', filter: { memberIds: [li] } })
        .expect(201);
      const { body: targets } = await http().get(`/members/${li}/targets`).set(bearer(token)).expect(200);
      refs.target = targets[0]._id;
      await http().post('/obligations/evaluate').set(bearer(token)).expect(204);
      // Closed: no stage allows anything any more, so a refusal of who may act shows whether it is checked first.
      for (const to of ['appraisal', 'closed']) await http().post(`/campaigns/${campaignId}/stage`).set(bearer(token)).send({ to }).expect(201);
    }, 120_000);

    it('answers 404 to another district, whatever exists here', async () => {
      const stranger = await admin(`d-${randomUUID()}`);
      const requests = [
        http().get(`/plans/${refs.plan}`),
        http().post(`/plans/${refs.plan}/approve`),
        http().get(`/activities/${refs.activity}`),
        http().get(`/activities/${refs.activity}/attendance`),
        http().get(`/submissions/${refs.submission}`),
        http().post(`/submissions/${refs.submission}/review`).send({ outcome: 'accepted' }),
        http().post(`/targets/${refs.target}/review`).send({ outcome: 'approved' }),
        http().get(`/members/${li}/obligations`),
        http().get(`/units/${commerce}/obligations`),
        http().get(`/campaigns/${campaignId}`),
      ];
      for (const pending of requests) {
        const { status, body } = await pending.set(bearer(stranger));
        expect([status, body.code]).toEqual([404, expect.stringMatching(/-not-found$/)]);
      }
    });

    it('answers 403 in the district outside the caller’s scope, before any stage rule', async () => {
      const cppccAdmin = await unitAdmin(district, cppcc);
      const commerceAdmin = await unitAdmin(district, commerce);
      const zhangToken = await memberToken(district, zhang);
      const refusals = [
        http().get(`/plans/${refs.plan}`).set(bearer(cppccAdmin)),
        // The unit's own admin may not approve its own plan: the parent reviews.
        http().post(`/plans/${refs.plan}/approve`).set(bearer(commerceAdmin)),
        http().get(`/activities/${refs.activity}`).set(bearer(cppccAdmin)),
        http().put(`/activities/${refs.activity}/attendance/${li}`).set(bearer(cppccAdmin)).send({ status: 'absent' }),
        http().post(`/activities/${refs.activity}/check-in`).set(bearer(zhangToken)),
        http().post(`/submissions/${refs.submission}/review`).set(bearer(cppccAdmin)).send({ outcome: 'accepted' }),
        http().post(`/submissions/${refs.submission}/resubmit`).set(bearer(zhangToken)).send({ content: '代写' }),
        http().put(`/targets/${refs.target}/progress`).set(bearer(zhangToken)).send({ progress: 50 }),
        http().post('/targets/bulk').set(bearer(cppccAdmin)).send({ campaignId, year: 2026, kind: 'common', title: 't', dueAt: '2026-12-31T00:00:00Z', filter: { unitId: commerce } }),
        http().post('/targets/bulk').set(bearer(cppccAdmin)).send({ campaignId, year: 2026, kind: 'common', title: 't', dueAt: '2026-12-31T00:00:00Z', filter: { memberIds: [li] } }),
        http().post(`/members/${li}/study-log`).set(bearer(zhangToken)).send({ studiedOn: '2026-11-20', topic: '代记', hours: 1, campaignId }),
        http().get(`/members/${li}/obligations`).set(bearer(zhangToken)),
      ];
      for (const pending of refusals) {
        const { status, body } = await pending;
        expect([status, body.statusCode, typeof body.code, typeof body.message]).toEqual([403, 403, 'string', 'string']);
      }
      const { body } = await http().post(`/activities/${refs.activity}/check-in`).set(bearer(zhangToken)).set('Accept-Language', 'en');
      expect(body).toEqual({ statusCode: 403, code: 'attendance-ineligible', message: "the member is outside the organising unit's subtree and the invited units" });
    });

    it('tells a refusal in Chinese by default and in English when asked, with a stable code', async () => {
      const commerceAdmin = await unitAdmin(district, commerce);
      const zh = await http().post(`/activities/${refs.activity}/hold`).set(bearer(commerceAdmin)).send({});
      expect(zh.body).toEqual({ statusCode: 409, code: 'stage-forbids', message: '活动处于结束阶段，不能记录' });
      const en = await http().post(`/activities/${refs.activity}/hold`).set(bearer(commerceAdmin)).set('Accept-Language', 'en').send({});
      expect(en.body).toEqual({ statusCode: 409, code: 'stage-forbids', message: 'The campaign is in its closed stage: you cannot record' });
      const guard = await http().get(`/activities/${refs.activity}`).set(bearer(await memberToken(district, li)));
      expect(guard.body).toEqual({ statusCode: 403, code: 'forbidden', message: '您没有执行此操作的权限' });
      const unknownRoute = await http().get('/no-such-route').set(bearer(commerceAdmin)).set('Accept-Language', 'en');
      expect(unknownRoute.body).toEqual({ statusCode: 404, code: 'not-found', message: 'Nothing was found here' });
    });

    it('shows names beside ids and never an internal field', async () => {
      const token = await admin(district);
      const draft = JSON.parse(refs.draftPlan);
      expect(draft).toMatchObject({ unitName: '区商业事务管理处', parentUnitName: '区委' });
      const attendance = JSON.parse(refs.attendance);
      expect(attendance).toMatchObject({ memberName: '李华', memberUnitName: '区商业事务管理处', organiserUnitName: '区商业事务管理处' });
      const { body: activity } = await http().get(`/activities/${refs.activity}`).set(bearer(token)).expect(200);
      expect(activity).toMatchObject({ organiserUnitName: '区商业事务管理处', carrierName: '亮牌示范', invitedUnitNames: [] });
      const { body: submission } = await http().get(`/submissions/${refs.submission}`).set(bearer(token)).expect(200);
      expect(submission).toMatchObject({ memberName: '李华', memberUnitName: '区商业事务管理处' });
      const { body: obligations } = await http().get(`/members/${li}/obligations`).set(bearer(token)).expect(200);
      expect(obligations.length).toBeGreaterThan(0);
      const bodies = [
        draft,
        attendance,
        activity,
        submission,
        obligations,
        (await http().get(`/activities/${refs.activity}/attendance`).set(bearer(token))).body,
        (await http().get(`/plans/${refs.plan}`).set(bearer(token))).body,
        (await http().get(`/members/${li}/targets`).set(bearer(token))).body,
        (await http().get(`/campaigns/${campaignId}`).set(bearer(token))).body,
        (await http().get(`/org/members/${li}`).set(bearer(token))).body,
      ];
      for (const body of bodies) expect(internal(body)).toEqual([]);
    });
  });
}

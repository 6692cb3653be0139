import { getModelToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { MemberEnrolled, UnitCreated } from '@campaign/contracts';
import { eventually } from '@campaign/testing';
import { admin, app, bearer, createCampaign, http, memberToken, org, unitAdmin } from './harness';
import { memberSnapshot, unitSnapshot } from './org-fixtures';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { OrgMember, OrgUnit } from '../src/org-read-model/org-read-model.schemas';

export function reviewQueueCases(): void {
  describe('the review queue: what waits for a reviewer, oldest first', () => {
    const district = `d-${randomUUID()}`;
    const id = (name: string) => `${district}-${name}`;
    const [root, cppcc, branch, commerce] = [id('quwei'), id('zhengxie'), id('zhengxie-branch'), id('shangwu')];
    const [cppccMember, commerceMember] = [id('zhang'), id('li')];
    let campaignId: string;
    const waiting: { type: string; id: string }[] = [];

    beforeAll(async () => {
      await org().publish(UnitCreated, { unit: unitSnapshot(root, '区委', 'district-committee', null) }, district);
      await org().publish(UnitCreated, { unit: unitSnapshot(cppcc, '区政协', 'district-organ', [root]) }, district);
      await org().publish(UnitCreated, { unit: unitSnapshot(branch, '区政协机关党支部', 'party-branch', [root, cppcc]) }, district);
      await org().publish(UnitCreated, { unit: unitSnapshot(commerce, '区商业事务管理处', 'district-organ', [root]) }, district);
      await org().publish(MemberEnrolled, { member: memberSnapshot(cppccMember, '张明', [root, cppcc, branch]) }, district);
      await org().publish(MemberEnrolled, { member: memberSnapshot(commerceMember, '李华', [root, commerce]) }, district);
      const members = app().get<Model<OrgMember>>(getModelToken(ORG_MEMBER));
      const units = app().get<Model<OrgUnit>>(getModelToken(ORG_UNIT));
      // Events of separate fetches are handled side by side: a member may be in the read model before its unit.
      await eventually(async () => expect([await units.countDocuments({ district }), await members.countDocuments({ district })]).toEqual([4, 2]), { timeoutMs: 60_000, intervalMs: 500 });
      const token = await admin(district);
      campaignId = (await createCampaign(district))._id;
      await http().post(`/campaigns/${campaignId}/stage`).set(bearer(token)).send({ to: 'operation' }).expect(201);

      const reflection = await http()
        .post('/submissions')
        .set(bearer(await memberToken(district, cppccMember)))
        .send({ campaignId, kind: 'reflection', year: 2026, title: '学习心得', content: '通过集中学习提高了认识。' })
        .expect(201);
      waiting.push({ type: 'submission', id: reflection.body._id });
      const report = await http()
        .post('/submissions')
        .set(bearer(await memberToken(district, commerceMember)))
        .send({ campaignId, kind: 'research-report', year: 2026, title: '商业服务调研', content: '调研报告正文' })
        .expect(201);
      waiting.push({ type: 'submission', id: report.body._id });
      await http()
        .post('/targets/bulk')
        .set(bearer(token))
        .send({ campaignId, year: 2026, kind: 'individual', title: '走访商户二十家', dueAt: '2026-12-31T23:59:59+08:00', filter: { memberIds: [commerceMember] } })
        .expect(201);
      const { body: targets } = await http().get(`/members/${commerceMember}/targets`).set(bearer(token)).expect(200);
      await http().post(`/targets/${targets[0]._id}/complete`).set(bearer(await memberToken(district, commerceMember))).expect(201);
      waiting.push({ type: 'target', id: targets[0]._id });
      const commerceAdmin = await unitAdmin(district, commerce);
      const { body: plan } = await http()
        .post('/plans')
        .set(bearer(commerceAdmin))
        .send({ campaignId, unitId: commerce, theme: '提升三服务，实现三满意', carriers: ['亮牌示范'], institutions: { weeklyCollectiveStudy: true } })
        .expect(201);
      await http().post(`/plans/${plan._id}/submit`).set(bearer(commerceAdmin)).expect(201);
      waiting.push({ type: 'plan', id: plan._id });
    }, 120_000);

    const queue = async (token: string, query: Record<string, string | number> = {}) => {
      const { body } = await http().get('/review-queue').query({ campaignId, ...query }).set(bearer(token)).expect(200);
      return body as { items: { type: string; id: string; memberName?: string; unitName: string; title: string }[]; total: number; page: number; pageSize: number };
    };

    it("gives the district admin everything, oldest first, paged, with names", async () => {
      const token = await admin(district);
      const all = await queue(token);
      expect(all.total).toBe(4);
      expect(all.items.map(({ type, id }) => ({ type, id }))).toEqual(waiting);
      expect(all.items.map((item) => [item.memberName, item.unitName, item.title])).toEqual([
        ['张明', '区政协机关党支部', '学习心得'],
        ['李华', '区商业事务管理处', '商业服务调研'],
        ['李华', '区商业事务管理处', '走访商户二十家'],
        [null, '区商业事务管理处', '提升三服务，实现三满意'],
      ]);
      const second = await queue(token, { page: 2, pageSize: 3 });
      expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(second.items.map((item) => item.id)).toEqual([waiting[3].id]);
    });

    it("gives a unit admin what waits in their subtree, and the plans submitted to their unit", async () => {
      expect((await queue(await unitAdmin(district, cppcc))).items.map((item) => item.id)).toEqual([waiting[0].id]);
      expect((await queue(await unitAdmin(district, commerce))).items.map((item) => item.id)).toEqual([waiting[1].id, waiting[2].id]);
      expect((await queue(await unitAdmin(district, root), { type: 'plan' })).items.map((item) => item.id)).toEqual([waiting[3].id]);
    });

    it('drops what was reviewed', async () => {
      await http().post(`/submissions/${waiting[0].id}/review`).set(bearer(await unitAdmin(district, branch))).send({ outcome: 'accepted' }).expect(201);
      expect((await queue(await unitAdmin(district, cppcc))).total).toBe(0);
    });

    it('refuses a unit outside the caller’s subtree (403), another district’s (404) and members (403)', async () => {
      await http().get('/review-queue').query({ unitId: commerce }).set(bearer(await unitAdmin(district, cppcc))).expect(403);
      const stranger = await admin(`d-${randomUUID()}`);
      await http().get('/review-queue').query({ unitId: commerce }).set(bearer(stranger)).expect(404);
      expect((await queue(stranger)).total).toBe(0);
      await http().get('/review-queue').set(bearer(await memberToken(district, cppccMember))).expect(403);
    });
  });
}

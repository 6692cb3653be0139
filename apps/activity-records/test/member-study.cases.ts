import { getModelToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { MemberEnrolled, MemberLeft, MemberTransferred, UnitCreated } from '@campaign/contracts';
import { eventually } from '@campaign/testing';
import { admin, app, bearer, createCampaign, http, memberToken, org } from './harness';
import { memberSnapshot, unitSnapshot } from './org-fixtures';
import { campaignWeek, CampaignWeek, localDay } from '../src/campaigns/campaign-calendar';
import { CAMPAIGN, Campaign } from '../src/campaigns/campaign.schema';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { OrgMember, OrgUnit } from '../src/org-read-model/org-read-model.schemas';
import { MemberStudyObligations } from '../src/obligations/member-study.service';
import { ObligationEvaluator } from '../src/obligations/obligation-evaluator';

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;

export function memberStudyCases(): void {
  describe("members' weekly collective study (每周集中学习) in 区政协", () => {
    const district = `d-${randomUUID()}`;
    const id = (name: string) => `${district}-${name}`;
    const [root, cppcc, branch, commerce] = [id('quwei'), id('zhengxie'), id('zhengxie-branch'), id('shangwu')];
    const names: Record<string, string> = { attends: '张明', logs: '李华', idle: '王强', leaves: '赵丽', moves: '刘洋', corrected: '陈静', leavesLate: '孙伟' };
    const member = (key: string) => id(key);
    let campaignId: string;
    let week: CampaignWeek;
    let evaluator: ObligationEvaluator;

    const weekly = async (memberId: string) => {
      const { body } = await http().get(`/members/${memberId}/obligations`).query({ campaignId, kind: 'member-weekly-study' }).set(bearer(await admin(district)));
      return body as { _id: string; status: string; unitId: string; unitName: string; memberName: string; description: string; periodKey: string }[];
    };
    const announced = async (subject: string) =>
      (await org().published<{ memberId: string; kind: string }>(subject, district)).filter((e) => e.payload.kind === 'member-weekly-study').map((e) => e.payload.memberId);

    beforeAll(async () => {
      await org().publish(UnitCreated, { unit: unitSnapshot(root, '区委', 'district-committee', null) }, district);
      await org().publish(UnitCreated, { unit: unitSnapshot(cppcc, '区政协', 'district-organ', [root]) }, district);
      await org().publish(UnitCreated, { unit: unitSnapshot(branch, '区政协机关党支部', 'party-branch', [root, cppcc]) }, district);
      await org().publish(UnitCreated, { unit: unitSnapshot(commerce, '区商业事务管理处', 'district-organ', [root]) }, district);
      for (const [key, name] of Object.entries(names)) {
        await org().publish(MemberEnrolled, { member: memberSnapshot(member(key), name, [root, cppcc, branch], { joinedAt: '2020-01-01' }) }, district);
      }
      const members = app().get<Model<OrgMember>>(getModelToken(ORG_MEMBER));
      const units = app().get<Model<OrgUnit>>(getModelToken(ORG_UNIT));
      // Events of separate fetches are handled side by side: a member may be in the read model before its unit.
      await eventually(async () => expect([await units.countDocuments({ district }), await members.countDocuments({ district })]).toEqual([4, Object.keys(names).length]), { timeoutMs: 60_000, intervalMs: 500 });
      const token = await admin(district);
      campaignId = (await createCampaign(district, { planDueAt: '2026-04-30T23:59:59+08:00', timeZone: 'Asia/Shanghai' }))._id;
      await http().post(`/campaigns/${campaignId}/stage`).set(bearer(token)).send({ to: 'operation' }).expect(201);
      const campaign = await app().get<Model<Campaign>>(getModelToken(CAMPAIGN)).findOne({ district, _id: campaignId }).lean<Campaign>().orFail();
      // The week the campaign entered operation is not held against anyone: the first owed week is the next.
      week = campaignWeek(campaign, new Date(Date.now() + 7 * DAY))!;
      evaluator = app().get(ObligationEvaluator);
    }, 120_000);

    it('meets the week on attendance or a record-book entry, puts the rest at risk and then missed, each announced once', async () => {
      const token = await admin(district);
      const { body: study } = await http()
        .post('/activities')
        .set(bearer(token))
        .send({ campaignId, kind: 'collective-study', title: '区政协每周集中学习', organiserUnitId: branch, startsAt: new Date(week.startsAt.getTime() + DAY + 9 * HOUR).toISOString() })
        .expect(201);
      await http().put(`/activities/${study._id}/attendance/${member('attends')}`).set(bearer(token)).send({ status: 'present' }).expect(200);
      await http().put(`/activities/${study._id}/attendance/${member('corrected')}`).set(bearer(token)).send({ status: 'present' }).expect(200);
      expect((await weekly(member('corrected'))).map((o) => o.status)).toEqual(['met']);
      await http().put(`/activities/${study._id}/attendance/${member('corrected')}`).set(bearer(token)).send({ status: 'absent' }).expect(200);
      await http()
        .post(`/members/${member('logs')}/study-log`)
        .set(bearer(await memberToken(district, member('logs'))))
        .send({ studiedOn: localDay(new Date(week.startsAt.getTime() + 2 * DAY + HOUR), 'Asia/Shanghai'), topic: '学习记录本：党章', hours: 2 })
        .expect(201);

      expect((await weekly(member('attends'))).map((o) => [o.status, o.periodKey])).toEqual([['met', week.key]]);
      expect((await weekly(member('logs'))).map((o) => o.status)).toEqual(['met']);
      // A present corrected away is as if never recorded.
      expect(await weekly(member('corrected'))).toEqual([]);

      const thursday = new Date(week.startsAt.getTime() + 3 * DAY + HOUR);
      // Until then the week shows as open to the member, without anything being stored for it.
      const idleMember = await app().get<Model<OrgMember>>(getModelToken(ORG_MEMBER)).findOne({ district, _id: member('idle') }).lean<OrgMember>().orFail();
      const open = await app().get(MemberStudyObligations).openWeeks(district, idleMember, [], thursday);
      expect(open.map((o) => [o.status, o.periodKey])).toEqual([['open', week.key]]);
      await evaluator.runOnce(district, thursday);
      expect(await weekly(member('idle'))).toEqual([]);

      // A leaver before the at-risk window owes nothing for the week.
      await org().publish(MemberLeft, { member: memberSnapshot(member('leaves'), names.leaves, [root, cppcc, branch], { status: 'left', revision: 2 }), reason: 'left', effectiveAt: localDay(thursday, 'Asia/Shanghai') }, district);
      await eventually(async () => {
        const { body } = await http().get(`/org/members/${member('leaves')}`).set(bearer(token)).expect(200);
        expect(body).toMatchObject({ status: 'left', leftOn: localDay(thursday, 'Asia/Shanghai') });
      });

      const saturday = new Date(week.endsAt.getTime() - 2 * DAY + HOUR);
      await evaluator.runOnce(district, saturday);
      await evaluator.runOnce(district, new Date(saturday.getTime() + HOUR));
      expect((await weekly(member('idle'))).map((o) => o.status)).toEqual(['at-risk']);
      expect((await weekly(member('corrected'))).map((o) => o.status)).toEqual(['at-risk']);
      expect((await weekly(member('attends'))).map((o) => o.status)).toEqual(['met']);
      expect(await weekly(member('leaves'))).toEqual([]);

      // A transfer moves what is still owed to the new unit; a later leaver's week is waived.
      const transferDay = localDay(saturday, 'Asia/Shanghai');
      await org().publish(
        MemberTransferred,
        { member: memberSnapshot(member('moves'), names.moves, [root, commerce], { revision: 2 }), fromUnitId: branch, toUnitId: commerce, effectiveAt: transferDay },
        district,
      );
      const sunday = localDay(new Date(week.endsAt.getTime() - HOUR), 'Asia/Shanghai');
      await org().publish(MemberLeft, { member: memberSnapshot(member('leavesLate'), names.leavesLate, [root, cppcc, branch], { status: 'retired', revision: 2 }), reason: 'retired', effectiveAt: sunday }, district);
      await eventually(async () => {
        expect((await weekly(member('moves'))).map((o) => [o.status, o.unitId, o.unitName])).toEqual([['at-risk', commerce, '区商业事务管理处']]);
        expect((await weekly(member('leavesLate'))).map((o) => o.status)).toEqual(['waived']);
      });

      const afterWeek = new Date(week.endsAt.getTime() + HOUR);
      await evaluator.runOnce(district, afterWeek);
      await evaluator.runOnce(district, new Date(afterWeek.getTime() + HOUR));
      const [missed] = await weekly(member('idle'));
      expect(missed).toMatchObject({ status: 'missed', memberName: '王强', unitName: '区政协机关党支部', description: `王强：${week.key}周参加集中学习或记录学习` });
      expect((await weekly(member('moves'))).map((o) => o.status)).toEqual(['missed']);

      const { body: commerceView } = await http().get(`/units/${commerce}/obligations`).query({ campaignId, kind: 'member-weekly-study' }).set(bearer(token)).set('Accept-Language', 'en').expect(200);
      expect(commerceView.map((o: { memberName: string; description: string }) => [o.memberName, o.description])).toEqual([
        ['刘洋', `刘洋: collective study attended or study logged in week ${week.key}`],
      ]);

      await eventually(
        async () => {
          expect((await announced('activity.obligation.at-risk.v1')).sort()).toEqual([member('idle'), member('corrected'), member('moves'), member('leavesLate')].sort());
          expect((await announced('activity.obligation.missed.v1')).sort()).toEqual([member('idle'), member('corrected'), member('moves')].sort());
          expect(await announced('activity.obligation.waived.v1')).toEqual([member('leavesLate')]);
        },
        { timeoutMs: 30_000, intervalMs: 1_000 },
      );
      // Weeks met straight away are not news: nothing announced for them.
      expect(await announced('activity.obligation.met.v1')).toEqual([]);
    }, 180_000);
  });
}

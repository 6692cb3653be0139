import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CampaignLaunched, CampaignStageChanged, MemberEnrolled, MemberLeft, PlanApproved, SystemChanged, UnitCreated } from '@campaign/contracts';
import { ORG_MEMBER } from '@campaign/org-read-model';
import { activeMember, eventually } from '@campaign/testing';
import { Caller, caller, campaign2026, EventFeed, expectNoInternalFields, model, unit } from './support';

const campaignId = 'c-appraisal';
const base = `/campaigns/${campaignId}`;
const root = ['u-root'];
const edu = [...root, 'u-edu'];
const school1 = [...edu, 'u-school-1'];
const school2 = [...edu, 'u-school-2'];
const town = [...root, 'u-huangjinao'];

const scheme = {
  effectiveFrom: '2026-01-01',
  reason: '考核评价制度',
  indicators: [{ id: 'unit-work', name: '单位工作', subject: 'unit', rules: [{ id: 'plan', kind: 'plan-approval', points: 10, timeliness: { latePenalty: 4 } }] }],
};

/** Runs in the one assessment-scoring instance of the integration run (see assessment-scoring.int-spec.ts). */
export function appraisalSuite(service: () => INestApplication): void {
  describe('assessment-scoring: appraisal', () => {
    const district = `d-${randomUUID()}`;
    let app: INestApplication;
    let feed: EventFeed;
    let admin: Caller;
    let eduAdmin: Caller;
    let school1Admin: Caller;
    let school2Admin: Caller;
    let townAdmin: Caller;
    let teacher: Caller;

    const selfEvaluation = (subjectType: string, subjectId: string) => ({ subjectType, subjectId, summary: '全面完成创先争优各项任务，集中学习每周一次。', proposedRating: 'excellent' });

    beforeAll(async () => {
      app = service();
      feed = await EventFeed.connect(district);
      admin = await caller(app, { sub: 'district-admin', district, roles: ['district-admin'] });
      eduAdmin = await caller(app, { sub: 'edu-admin', district, roles: ['unit-admin'], units: ['u-edu'] });
      school1Admin = await caller(app, { sub: 'school-1-admin', district, roles: ['unit-admin'], units: ['u-school-1'] });
      school2Admin = await caller(app, { sub: 'school-2-admin', district, roles: ['unit-admin'], units: ['u-school-2'] });
      townAdmin = await caller(app, { sub: 'town-admin', district, roles: ['unit-admin'], units: ['u-huangjinao'] });
      teacher = await caller(app, { sub: 'teacher', district, roles: ['member'], memberId: 'm-teacher' });
      for (const [path, name] of [
        [root, '区委'],
        [edu, '区教育局'],
        [school1, '第一中学'],
        [school2, '第二中学'],
        [town, '黄金坳镇'],
      ] as const) {
        await feed.publish(UnitCreated, { unit: unit(path[path.length - 1], name, [...path]) });
      }
      await feed.publish(SystemChanged, { systemId: 's-edu', name: '教育系统', leadUnitId: 'u-edu', unitIds: ['u-edu', 'u-school-1', 'u-school-2'], revision: 1 });
      await feed.publish(MemberEnrolled, { member: activeMember('m-teacher', '李老师', school1) });
      await feed.publish(CampaignLaunched, campaign2026(campaignId));
      await eventually(async () => expect(await model(app, 'CampaignView').countDocuments({ district })).toBe(1));
      await admin.post(`${base}/schemes`, scheme).expect(201);
      for (const [planId, unitId, submittedAt] of [
        ['p-1', 'u-school-1', '2026-04-01T00:00:00.000Z'],
        ['p-2', 'u-school-2', '2026-04-20T00:00:00.000Z'],
      ]) {
        await feed.publish(PlanApproved, { planId, campaignId, unitId, parentUnitId: 'u-edu', dueAt: '2026-04-10T00:00:00.000Z', approvedAt: submittedAt, submittedAt, onTime: submittedAt < '2026-04-10' });
      }
      await eventually(async () => expect(await model(app, ORG_MEMBER).countDocuments({ district })).toBe(1));
      await eventually(async () => expect(await model(app, 'LedgerLine').countDocuments({ district })).toBe(2));
    });

    afterAll(async () => {
      await feed?.close();
    });

    it('is closed outside the appraisal stage, after checking who may act', async () => {
      // Every refusal names its stable code beside its message.
      const codeOf = async (pending: Promise<{ body: { code?: string } }>) => (await pending).body.code;
      expect(await codeOf(teacher.put(`${base}/appraisal/self-evaluations`, selfEvaluation('member', 'm-teacher')).expect(409))).toBe('appraisal.wrong-stage');
      expect(await codeOf(teacher.put(`${base}/appraisal/self-evaluations`, selfEvaluation('unit', 'u-school-1')).expect(403))).toBe('appraisal.self-evaluation-unit-admins-only');
      expect(await codeOf(teacher.put(`${base}/appraisal/self-evaluations`, selfEvaluation('unit', 'u-nowhere')).expect(404))).toBe('error.no-unit');
      expect(await codeOf(teacher.put(`${base}/appraisal/self-evaluations`, { summary: 'x' }).expect(400))).toBe('bad-request');
      // Another member writing the teacher's self-evaluation is refused for who they are, not for the stage.
      const colleague = await caller(app, { sub: 'colleague', district, roles: ['member'], memberId: 'm-colleague' });
      await colleague.put(`${base}/appraisal/self-evaluations`, selfEvaluation('member', 'm-teacher')).expect(403);
      await feed.publish(CampaignStageChanged, { campaignId, from: 'operation', to: 'appraisal', changedAt: '2026-12-01T00:00:00.000Z' });
      await feed.publish(CampaignStageChanged, { campaignId, from: 'planning', to: 'operation', changedAt: '2026-05-01T00:00:00.000Z' });
      await eventually(async () => teacher.put(`${base}/appraisal/self-evaluations`, selfEvaluation('member', 'm-teacher')).expect(200));
      expect((await model<{ stage: string }>(app, 'CampaignView').findOne({ district, campaignId }).lean())?.stage).toBe('appraisal');
    });

    it('takes self-evaluations from the subject only and reviews from the parent unit only', async () => {
      await teacher.put(`${base}/appraisal/self-evaluations`, selfEvaluation('unit', 'u-school-1')).expect(403);
      await teacher.put(`${base}/appraisal/self-evaluations`, { ...selfEvaluation('member', 'm-teacher'), summary: 'short' }).expect(400);
      await school1Admin.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-school-1', rating: 'excellent', comment: '自评' }).expect(403);
      await eduAdmin.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-school-1', rating: 'excellent', comment: '好' }).expect(409);
      // The unit above reviews a unit: it does not evaluate it too.
      await eduAdmin.put(`${base}/appraisal/self-evaluations`, selfEvaluation('unit', 'u-school-2')).expect(403);
      for (const [who, unitId] of [
        [school1Admin, 'u-school-1'],
        [school2Admin, 'u-school-2'],
        [townAdmin, 'u-huangjinao'],
      ] as const) {
        await who.put(`${base}/appraisal/self-evaluations`, selfEvaluation('unit', unitId)).expect(200);
      }
      // Nobody rates their own unit, nor what they evaluated themselves, even when they also manage the unit above.
      const eduAndSchool1Admin = await caller(app, { sub: 'edu-and-school-1-admin', district, roles: ['unit-admin'], units: ['u-edu', 'u-school-1'] });
      await eduAndSchool1Admin.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-school-1', rating: 'excellent', comment: '好' }).expect(403);
      await eduAndSchool1Admin.put(`${base}/appraisal/self-evaluations`, selfEvaluation('unit', 'u-school-1')).expect(200);
      const teacherWhoAdministers = await caller(app, { sub: 'teacher-admin', district, roles: ['unit-admin', 'member'], units: ['u-edu'], memberId: 'm-teacher' });
      await teacherWhoAdministers.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-school-1', rating: 'excellent', comment: '好' }).expect(403);
      await school1Admin.put(`${base}/appraisal/self-evaluations`, selfEvaluation('unit', 'u-school-1')).expect(200);
      await eduAdmin.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-school-1', rating: 'excellent', comment: '计划按时，活动扎实' }).expect(200);
      await eduAdmin.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-school-2', rating: 'excellent', comment: '成效明显' }).expect(200);
      await admin.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-huangjinao', rating: 'pass', comment: '计划滞后' }).expect(200);
      await school1Admin.put(`${base}/appraisal/reviews`, { subjectType: 'member', subjectId: 'm-teacher', rating: 'good', comment: '学习认真' }).expect(200);
      await eduAdmin.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-school-1', rating: 'superb', comment: 'x' }).expect(400);
      const listed = await eduAdmin.get(`${base}/appraisal?subjectType=unit`).expect(200);
      expect(listed.body.map((a: { subjectId: string; subjectName: string }) => [a.subjectId, a.subjectName])).toEqual([
        ['u-school-1', '第一中学'],
        ['u-school-2', '第二中学'],
      ]);
    });

    it('neither appraises nor honours a member who left', async () => {
      await feed.publish(MemberEnrolled, { member: activeMember('m-lijuan', '李娟', school1) });
      await feed.publish(MemberLeft, { member: activeMember('m-lijuan', '李娟', school1, { status: 'left', leftAt: '2026-01-15', revision: 2 }), reason: 'left', effectiveAt: '2026-01-15' });
      await eventually(async () => expect((await model<{ leftOn: string }>(app, ORG_MEMBER).findOne({ district, memberId: 'm-lijuan' }).lean())?.leftOn).toBe('2026-01-15'));
      const lijuan = await caller(app, { sub: 'lijuan', district, roles: ['member'], memberId: 'm-lijuan' });
      const refused = await lijuan.put(`${base}/appraisal/self-evaluations`, selfEvaluation('member', 'm-lijuan')).set('Accept-Language', 'en').expect(409);
      expect(refused.body.message).toBe('member m-lijuan left on 2026-01-15 and is no longer appraised or honoured');
      await school1Admin.put(`${base}/appraisal/reviews`, { subjectType: 'member', subjectId: 'm-lijuan', rating: 'excellent', comment: '优秀' }).expect(409);
      await admin.post(`${base}/appraisal/honours`, { subjectType: 'member', subjectId: 'm-lijuan', honour: 'excellent-member', systemId: 's-edu' }).expect(409);
      expect((await admin.get(`${base}/appraisal?subjectType=member`).expect(200)).body.map((a: { subjectId: string }) => a.subjectId)).not.toContain('m-lijuan');
    });

    it("shows each reviewer's distribution next to the others'", async () => {
      const view = await admin.get(`${base}/appraisal/calibration`).expect(200);
      expect(view.body.overall).toEqual({ excellent: 2, good: 1, pass: 1, fail: 0, total: 4 });
      const byReviewer = Object.fromEntries(view.body.reviewers.map((r: { reviewerUnitId: string; leniency: number }) => [r.reviewerUnitId, r]));
      expect(byReviewer['u-edu'].ratings).toEqual({ excellent: 2, good: 0, pass: 0, fail: 0, total: 2 });
      expect(byReviewer['u-edu'].reviewerUnitName).toBe('区教育局');
      expect(byReviewer['u-edu'].leniency).toBeGreaterThan(0);
      expect(byReviewer['u-root'].leniency).toBeLessThan(0);
      await eduAdmin.get(`${base}/appraisal/calibration`).expect(403);
    });

    it('limits excellent ratings per reviewing unit: a share of those it reviews, or its own maximum', async () => {
      // 第一中学 reviews its one active member (李娟 left): at most half of 1 is no excellent at all.
      await admin.put(`${base}/appraisal/excellent-limits`, { subjectType: 'member', maxShare: 0.5 }).expect(200);
      const refused = await school1Admin.put(`${base}/appraisal/reviews`, { subjectType: 'member', subjectId: 'm-teacher', rating: 'excellent', comment: '学习认真' }).set('Accept-Language', 'en').expect(409);
      expect(refused.body.message).toBe("u-school-1's excellent ratings (0) are used up");
      await admin.put(`${base}/appraisal/excellent-limits`, { subjectType: 'member', maxShare: 0.5, reviewerUnitId: 'u-school-1' }).expect(400);
      await admin.put(`${base}/appraisal/excellent-limits`, { subjectType: 'member', reviewerUnitId: 'u-school-1', max: 1 }).expect(200);
      await school1Admin.put(`${base}/appraisal/reviews`, { subjectType: 'member', subjectId: 'm-teacher', rating: 'excellent', comment: '学习认真' }).expect(200);
      await admin.put(`${base}/appraisal/excellent-limits`, { subjectType: 'member', reviewerUnitId: 'u-school-1', max: 0 }).expect(409);
      await school1Admin.put(`${base}/appraisal/reviews`, { subjectType: 'member', subjectId: 'm-teacher', rating: 'good', comment: '学习认真' }).expect(200);
      await admin.put(`${base}/appraisal/excellent-limits`, { subjectType: 'member', reviewerUnitId: 'u-school-1', max: 0 }).expect(200);
      // 区教育局 rated both its schools excellent before any limit: they count against one set now.
      await admin.put(`${base}/appraisal/excellent-limits`, { subjectType: 'unit', reviewerUnitId: 'u-edu', max: 1 }).expect(409);
      await eduAdmin.put(`${base}/appraisal/excellent-limits`, { subjectType: 'unit', maxShare: 0.2 }).expect(403);
    });

    it('enforces honour quotas per system', async () => {
      await admin.post(`${base}/appraisal/honours`, { subjectType: 'unit', subjectId: 'u-school-1', honour: 'advanced-collective', systemId: 's-edu' }).expect(409);
      await admin.put(`${base}/appraisal/honour-quotas`, { systemId: 's-edu', honour: 'advanced-collective', quota: 1 }).expect(200);
      await admin.post(`${base}/appraisal/honours`, { subjectType: 'unit', subjectId: 'u-school-1', honour: 'excellent-member', systemId: 's-edu' }).expect(409);
      await admin.post(`${base}/appraisal/honours`, { subjectType: 'unit', subjectId: 'u-huangjinao', honour: 'advanced-collective', systemId: 's-edu' }).expect(409);
      await admin.post(`${base}/appraisal/honours`, { subjectType: 'unit', subjectId: 'u-school-1', honour: 'advanced-collective', systemId: 's-edu' }).expect(200);
      const refused = await admin.post(`${base}/appraisal/honours`, { subjectType: 'unit', subjectId: 'u-school-2', honour: 'advanced-collective', systemId: 's-edu' }).expect(409);
      expect(refused.body.message).toBe('系统s-edu的“先进集体”名额（1个）已用完');
      await admin.put(`${base}/appraisal/honour-quotas`, { systemId: 's-edu', honour: 'advanced-collective', quota: 0 }).expect(409);
      const audit = await admin.get(`${base}/audit?action=appraisal.honoured`).expect(200);
      expect(audit.body).toEqual([expect.objectContaining({ actor: 'district-admin', target: 'unit:u-school-1' })]);
    });

    it('finalises once: freezes results and rankings and publishes the events', async () => {
      await eduAdmin.post(`${base}/appraisal/finalisation`).expect(403);
      const round = await admin.post(`${base}/appraisal/finalisation`).expect(200);
      expect(round.body).toEqual(expect.objectContaining({ status: 'finalised', finalisedBy: 'district-admin', rankingIds: [expect.any(String), expect.any(String)] }));
      await admin.post(`${base}/appraisal/finalisation`).expect(409);
      await eduAdmin.put(`${base}/appraisal/reviews`, { subjectType: 'unit', subjectId: 'u-school-2', rating: 'good', comment: '改评' }).expect(409);
      await teacher.put(`${base}/appraisal/self-evaluations`, selfEvaluation('member', 'm-teacher')).expect(409);

      const frozen = await admin.get(`${base}/rankings/published/${round.body.rankingIds[0]}`).expect(200);
      expect(frozen.body.entries).toEqual([
        { subjectId: 'u-school-1', subjectName: '第一中学', points: 10, rank: 1 },
        { subjectId: 'u-school-2', subjectName: '第二中学', points: 6, rank: 2 },
      ]);
      expectNoInternalFields(round.body);
      expectNoInternalFields(frozen.body);
      await admin.post(`${base}/adjustments`, { subjectType: 'unit', subjectId: 'u-school-2', indicatorId: 'unit-work', points: 5, reason: '补录活动' }).expect(201);
      expect((await admin.get(`${base}/rankings/published/${round.body.rankingIds[0]}`).expect(200)).body.entries).toEqual(frozen.body.entries);

      await eventually(async () => {
        const [finalised] = await feed.published('scoring.appraisal.finalised.v1');
        expect(finalised.payload).toEqual(
          expect.objectContaining({
            campaignId,
            results: [
              { subjectType: 'member', subjectId: 'm-teacher', unitId: 'u-school-1', rating: 'good', honour: null },
              { subjectType: 'unit', subjectId: 'u-huangjinao', unitId: 'u-huangjinao', rating: 'pass', honour: null },
              { subjectType: 'unit', subjectId: 'u-school-1', unitId: 'u-school-1', rating: 'excellent', honour: 'advanced-collective' },
              { subjectType: 'unit', subjectId: 'u-school-2', unitId: 'u-school-2', rating: 'excellent', honour: null },
            ],
          }),
        );
        const rankings = await feed.published('scoring.ranking.published.v1');
        expect(rankings.map((r) => (r.payload as { scope: string }).scope).sort()).toEqual(['district', 'system']);
      });
    });

    it('shows another district nothing', async () => {
      const stranger = await caller(app, { sub: 'other', district: `d-${randomUUID()}`, roles: ['district-admin'] });
      await stranger.get(`${base}/appraisal`).expect(404);
      await stranger.put(`${base}/appraisal/self-evaluations`, selfEvaluation('unit', 'u-school-1')).expect(404);
      await stranger.get(`${base}/appraisal/calibration`).expect(404);
      await stranger.get(`${base}/audit`).expect(404);
      await stranger.get(`${base}/rankings/published/${randomUUID()}`).expect(404);
    });
  });
}

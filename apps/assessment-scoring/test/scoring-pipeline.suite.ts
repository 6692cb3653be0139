import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ActivityHeld,
  AttendanceRecorded,
  CampaignLaunched,
  MemberEnrolled,
  MemberLeft,
  MemberTransferred,
  PayloadOf,
  PlanApproved,
  StudyLogged,
  SubmissionReviewed,
  SystemChanged,
  TargetCompleted,
  UnitCreated,
} from '@campaign/contracts';
import { ORG_MEMBER, ORG_SYSTEM } from '@campaign/org-read-model';
import { activeMember, eventually } from '@campaign/testing';
import { ActivityEventsHandlers } from '../src/integration-events/activity-events.handlers';
import { LedgerLine } from '../src/ledger/ledger-line.schema';
import { Standing } from '../src/standings/standing.schema';
import { Caller, caller, EventFeed, expectNoInternalFields, model, unit } from './support';

const campaignId = 'c-2026';
const base = `/campaigns/${campaignId}`;
const root = ['u-root'];
const edu = [...root, 'u-edu'];
const school1 = [...edu, 'u-school-1'];
const school2 = [...edu, 'u-school-2'];
const yingkou = [...root, 'u-yingkou'];

const scheme = {
  effectiveFrom: '2026-01-01',
  reason: '区委创先争优考核评价制度',
  indicators: [
    {
      id: 'study',
      name: '学习',
      subject: 'member',
      rules: [
        { id: 'collective-study', kind: 'attendance', activityKinds: ['collective-study'], present: 2, unexcusedAbsencePenalty: 3, strict: { roles: ['leader', 'key-post'], penaltyMultiplier: 2 } },
        { id: 'record-book', kind: 'study-hours', pointsPerHour: 1, caps: { day: 3, week: 10 } },
        { id: 'weekly-study', kind: 'required-count', counts: { type: 'attendance', activityKinds: ['collective-study'] }, period: 'week', required: 1, pointsWhenMet: 1 },
      ],
    },
    {
      id: 'writing',
      name: '心得与调研',
      subject: 'member',
      rules: [
        { id: 'reflection', kind: 'submission', submissionKinds: ['reflection'], acceptedPoints: 5, timeliness: { onTimeBonus: 1, latePenaltyPerDay: 1, maxLatePenalty: 3 } },
        { id: 'targets', kind: 'target-completion', points: 5 },
      ],
    },
    {
      id: 'unit-work',
      name: '单位工作',
      subject: 'unit',
      rules: [
        { id: 'plan', kind: 'plan-approval', points: 10, timeliness: { latePenalty: 5 } },
        { id: 'carriers', kind: 'activity-held', pointsPerActivity: 2, requireCarrier: true },
        { id: 'attendance-rate', kind: 'unit-member-rate', measure: 'attendance-rate', period: 'week', maxPoints: 10 },
      ],
    },
  ],
};

/** Runs in the one assessment-scoring instance of the integration run (see assessment-scoring.int-spec.ts). */
export function pipelineSuite(service: () => INestApplication): void {
  describe('assessment-scoring: events → ledger → standings → rankings', () => {
    const district = `d-${randomUUID()}`;
    let app: INestApplication;
    let feed: EventFeed;
    let admin: Caller;
    let lines: ReturnType<typeof model<LedgerLine>>;
    let standings: ReturnType<typeof model<Standing>>;

    const attendance = (attendanceId: string, memberId: string, memberUnitId: string, status: 'present' | 'absent', activityAt: string, revision = 1): PayloadOf<typeof AttendanceRecorded> => ({
      attendanceId,
      activityId: `a-${attendanceId}`,
      campaignId,
      activityKind: 'collective-study',
      organiserUnitId: 'u-edu',
      memberId,
      memberUnitId,
      status,
      activityAt,
      recordedAt: activityAt,
      source: 'manual',
      revision,
    });

    // In the order they were written (ObjectIds grow): the store's natural order moves with updates.
    const linesOf = (filter: Record<string, unknown>) => lines.find({ district, campaignId, ...filter }).sort({ _id: 1 }).lean();
    /**
     * Lines already added to the standings: what a standings or ranking read must wait for. A hold inserts its lines
     * applied and then writes the standings, so they count only once no hold of the campaign is open (read after them).
     */
    const appliedLinesOf = async (filter: Record<string, unknown>) => {
      const applied = await linesOf({ ...filter, applied: true });
      const openHolds = await lines.db.collection('standings_locks').countDocuments({ lock: `${district}|${campaignId}`, releasedAt: null });
      return openHolds === 0 ? applied : [];
    };

    beforeAll(async () => {
      app = service();
      feed = await EventFeed.connect(district);
      admin = await caller(app, { sub: 'admin-1', district, roles: ['district-admin'] });
      lines = model<LedgerLine>(app, 'LedgerLine');
      standings = model<Standing>(app, 'Standing');
      for (const [path, name] of [
        [root, '区委'],
        [edu, '区教育局'],
        [school1, '第一中学'],
        [school2, '第二中学'],
        [yingkou, '盈口乡'],
      ] as const) {
        await feed.publish(UnitCreated, { unit: unit(path[path.length - 1], name, [...path]) });
      }
      await feed.publish(SystemChanged, { systemId: 's-edu', name: '教育系统', leadUnitId: 'u-edu', unitIds: ['u-edu', 'u-school-1', 'u-school-2'], revision: 1 });
      await feed.publish(CampaignLaunched, {
        campaignId,
        name: '2026年创先争优活动',
        mobilisedOn: '2026-01-10',
        stages: {
          planning: { startsOn: '2026-01-10', endsOn: '2026-02-28' },
          operation: { startsOn: '2026-03-01', endsOn: '2026-11-30' },
          appraisal: { startsOn: '2026-12-01', endsOn: '2026-12-31' },
        },
      });
      await eventually(async () => expect(await model(app, 'CampaignView').countDocuments({ district })).toBe(1));
      await feed.publish(MemberEnrolled, { member: activeMember('m-leader', '张书记', school1, { isLeader: true }) });
      await feed.publish(MemberEnrolled, { member: activeMember('m-teacher', '李老师', school1) });
      await feed.publish(MemberEnrolled, { member: activeMember('m-mover', '王老师', school1) });
      await eventually(async () => expect(await model(app, ORG_MEMBER).countDocuments({ district })).toBe(3));
      await eventually(async () => expect(await model(app, ORG_SYSTEM).countDocuments({ district })).toBe(1));
      const saved = await admin.post(`${base}/schemes`, scheme).expect(201);
      expect(saved.body.version).toBe(1);
    });

    afterAll(async () => {
      await feed?.close();
    });

    it('refuses an invalid scheme with the JSON path of each error', async () => {
      const broken = JSON.parse(JSON.stringify(scheme));
      broken.indicators[0].rules[1].pointsPerHour = 0;
      broken.indicators[2].rules.push({ id: 'unit-study', kind: 'study-hours', pointsPerHour: 1 });
      const response = await admin.post(`${base}/schemes`, broken).expect(400);
      expect(response.body.errors).toEqual([{ path: 'indicators[0].rules[1].pointsPerHour', message: expect.any(String) }]);
      broken.indicators[0].rules[1].pointsPerHour = 1;
      const second = await admin.post(`${base}/schemes`, broken).expect(400);
      expect(second.body).toEqual(expect.objectContaining({ message: '考核方案有误', errors: [{ path: 'indicators[2].rules[3].kind', message: 'study-hours规则考核的是党员，而该指标的对象是单位' }] }));
      const inEnglish = await admin.post(`${base}/schemes`, broken).set('Accept-Language', 'en-US,en;q=0.9').expect(400);
      expect(inEnglish.body.errors).toEqual([{ path: 'indicators[2].rules[3].kind', message: "a study-hours rule scores members, but the indicator's subject is units" }]);
      const unitAdmin = await caller(app, { sub: 'edu-admin', district, roles: ['unit-admin'], units: ['u-edu'] });
      await unitAdmin.post(`${base}/schemes`, scheme).expect(403);
    });

    it('turns an attendance into a ledger line and standings, and counts a redelivered event once', async () => {
      const present = await feed.publish(AttendanceRecorded, attendance('att-1', 'm-teacher', 'u-school-1', 'present', '2026-11-24T01:00:00.000Z'));
      await eventually(async () => expect(await linesOf({ sourceEventId: present.eventId })).toHaveLength(2));
      await feed.send(present, `${present.eventId}-redelivered`);
      await app.get(ActivityEventsHandlers).onAttendance([present]);
      const explained = await admin.get(`${base}/members/m-teacher/explain`).expect(200);
      expect(explained.body.total).toBe(3);
      expect(explained.body.standing).toBe(3);
      expect(explained.body).toEqual(expect.objectContaining({ subjectId: 'm-teacher', subjectName: '李老师' }));
      expect(explained.body.indicators).toEqual([
        {
          indicatorId: 'study',
          indicatorName: '学习',
          total: 3,
          lines: [
            expect.objectContaining({ ruleId: 'collective-study', points: 2, unitId: 'u-school-1', unitName: '第一中学', schemeVersion: 1, explanation: '参加集中学习 +2 = 2' }),
            expect.objectContaining({ ruleId: 'weekly-study', points: 1, explanation: '达到要求：每周1次（本次为第1次） +1 = 1' }),
          ],
        },
      ]);
      const inEnglish = await admin.get(`${base}/members/m-teacher/explain`).set('Accept-Language', 'en').expect(200);
      expect(inEnglish.body.indicators[0].lines.map((line: { explanation: string }) => line.explanation)).toEqual(['present at collective study +2 = 2', 'requirement met: 1 per week (this is number 1) +1 = 1']);
      const system = await admin.get(`${base}/standings/system/s-edu?period=2026-W48`).expect(200);
      expect(system.body.points).toBe(3);
      expect(await linesOf({ sourceEventId: present.eventId })).toHaveLength(2);
    });

    it('announces the changed standings of the member and its unit (scoring.score.changed) once for a redelivered event', async () => {
      const present = await feed.publish(AttendanceRecorded, attendance('att-announced', 'm-visitor', 'u-yingkou', 'present', '2026-11-10T01:00:00.000Z'));
      await eventually(async () => expect(await appliedLinesOf({ sourceEventId: present.eventId })).toHaveLength(2));
      await app.get(ActivityEventsHandlers).onAttendance([present]);
      const announcing = async () => (await feed.published('scoring.score.changed.v2')).filter((event) => (event.payload as { sourceEventIds: string[] }).sourceEventIds.includes(present.eventId));
      const changed = await eventually(async () => {
        const found = await announcing();
        expect(found).toHaveLength(2);
        return found;
      });
      expect(changed.map((event) => event.payload)).toEqual([
        expect.objectContaining({ campaignId, subjectType: 'member', subjectId: 'm-visitor', unitId: 'u-yingkou', lines: 2, sourceEventIds: [present.eventId] }),
        expect.objectContaining({ campaignId, subjectType: 'unit', subjectId: 'u-yingkou', unitId: 'u-yingkou', lines: 2 }),
      ]);
      expect((changed[0].payload as { standings: unknown[] }).standings).toEqual([
        { scope: 'member', period: 'campaign', points: 3, delta: 3 },
        { scope: 'member', period: '2026-11', points: 3, delta: 3 },
        { scope: 'member', period: '2026-W46', points: 3, delta: 3 },
      ]);
      expect((changed[1].payload as { standings: unknown[] }).standings).toEqual([
        { scope: 'unit-members', period: 'campaign', points: 3, delta: 3 },
        { scope: 'unit-members', period: '2026-11', points: 3, delta: 3 },
        { scope: 'unit-members', period: '2026-W46', points: 3, delta: 3 },
      ]);
    });

    it('penalises a leader’s unexcused absence more strictly, and a correction reverses the old lines', async () => {
      const absent = await feed.publish(AttendanceRecorded, attendance('att-2', 'm-leader', 'u-school-1', 'absent', '2026-11-24T01:00:00.000Z'));
      await eventually(async () => expect((await admin.get(`${base}/members/m-leader/explain`).expect(200)).body.total).toBe(-6));
      const corrected = await feed.publish(AttendanceRecorded, attendance('att-2', 'm-leader', 'u-school-1', 'present', '2026-11-24T01:00:00.000Z', 2));
      await eventually(async () => expect((await admin.get(`${base}/members/m-leader/explain`).expect(200)).body.total).toBe(3));
      expect((await linesOf({ sourceEventId: absent.eventId })).map((l) => [l.kind, l.points])).toEqual([
        ['rule', -6],
        ['reversal', 6],
      ]);
      expect(await linesOf({ sourceEventId: corrected.eventId })).toHaveLength(2);
    });

    it('caps study hours per day', async () => {
      await feed.publish(StudyLogged, { entryId: 's-1', campaignId, memberId: 'm-teacher', memberUnitId: 'u-school-1', studiedOn: '2026-11-24', topic: '党章', hours: 2, recordedBy: 'member' });
      await feed.publish(StudyLogged, { entryId: 's-2', campaignId, memberId: 'm-teacher', memberUnitId: 'u-school-1', studiedOn: '2026-11-24', topic: '党史', hours: 2, recordedBy: 'member' });
      await eventually(async () => expect(await linesOf({ subjectId: 'm-teacher', ruleId: 'record-book' })).toHaveLength(2));
      const points = (await linesOf({ subjectId: 'm-teacher', ruleId: 'record-book' })).map((l) => l.points).sort();
      expect(points).toEqual([1, 2]);
      const explained = await admin.get(`${base}/members/m-teacher/explain?period=2026-W48`).set('Accept-Language', 'en').expect(200);
      expect(explained.body.total).toBe(6);
      expect(explained.body.indicators[0].lines.some((l: { explanation: string }) => l.explanation.includes('capped to 1 by the rule day cap 3'))).toBe(true);
    });

    it('scores submissions against their due date and target completion', async () => {
      await feed.publish(SubmissionReviewed, {
        submissionId: 'sub-1',
        campaignId,
        memberId: 'm-teacher',
        memberUnitId: 'u-school-1',
        kind: 'reflection',
        year: 2026,
        dueAt: '2026-11-20T00:00:00.000Z',
        outcome: 'accepted',
        submittedAt: '2026-11-22T00:00:00.000Z',
        reviewedAt: '2026-11-23T00:00:00.000Z',
        onTime: false,
      });
      await feed.publish(TargetCompleted, {
        targetId: 't-1',
        campaignId,
        memberId: 'm-teacher',
        memberUnitId: 'u-school-1',
        year: 2026,
        kind: 'common',
        title: '完成结对帮扶',
        strict: false,
        dueAt: '2026-12-31T00:00:00.000Z',
        completedAt: '2026-11-23T00:00:00.000Z',
        onTime: true,
      });
      await eventually(async () => {
        const explained = await admin.get(`${base}/members/m-teacher/explain`).set('Accept-Language', 'en').expect(200);
        const writing = explained.body.indicators.find((i: { indicatorId: string }) => i.indicatorId === 'writing');
        expect(writing.total).toBe(8);
        expect(writing.lines.map((l: { explanation: string }) => l.explanation).join()).toContain('2 day(s) late -2');
      });
    });

    it('keeps past points with the old unit when a member transfers', async () => {
      await feed.publish(AttendanceRecorded, attendance('att-3', 'm-mover', 'u-school-1', 'present', '2026-11-17T01:00:00.000Z'));
      await eventually(async () => expect(await linesOf({ subjectId: 'm-mover' })).toHaveLength(2));
      await feed.publish(MemberTransferred, { member: activeMember('m-mover', '王老师', school2, { revision: 2 }), fromUnitId: 'u-school-1', toUnitId: 'u-school-2', effectiveAt: '2026-11-20' });
      await eventually(async () => expect((await model<{ unitId: string }>(app, ORG_MEMBER).findOne({ district, memberId: 'm-mover' }).lean())?.unitId).toBe('u-school-2'));
      // Listed in the new unit from the transfer on, before scoring there; the week before stays with the old unit.
      const rankedIn = async (unitId: string, period = 'campaign') =>
        (await admin.get(`${base}/rankings?scope=unit-members&scopeId=${unitId}&period=${period}`).expect(200)).body.entries.map((entry: { subjectId: string }) => entry.subjectId);
      await eventually(async () => expect(await rankedIn('u-school-2')).toEqual(['m-mover']));
      expect(await rankedIn('u-school-1')).not.toContain('m-mover');
      expect(await rankedIn('u-school-1', '2026-W46')).toEqual([]);
      await feed.publish(AttendanceRecorded, attendance('att-4', 'm-mover', 'u-school-2', 'present', '2026-11-24T02:00:00.000Z'));
      await eventually(async () => expect(await appliedLinesOf({ subjectId: 'm-mover' })).toHaveLength(4));
      const old = await admin.get(`${base}/standings/unit-members/u-school-1`).expect(200);
      const next = await admin.get(`${base}/standings/unit-members/u-school-2`).expect(200);
      expect(next.body.points).toBe(3);
      expect(old.body.points).toBe(3 + 3 + 3 + 1 + 2 + 8);
      const explained = await admin.get(`${base}/members/m-mover/explain`).expect(200);
      expect(explained.body.indicators[0].lines.map((l: { unitId: string }) => l.unitId)).toEqual(['u-school-1', 'u-school-1', 'u-school-2', 'u-school-2']);
    });

    it('takes a member who left out of rankings from the leave day, keeps its ledger, and scores nothing after it', async () => {
      await feed.publish(MemberEnrolled, { member: activeMember('m-lijuan', '李娟', yingkou) });
      await eventually(async () => expect(await model(app, ORG_MEMBER).countDocuments({ district, memberId: 'm-lijuan' })).toBe(1));
      const first = await feed.publish(AttendanceRecorded, attendance('att-lijuan-1', 'm-lijuan', 'u-yingkou', 'present', '2026-11-03T01:00:00.000Z'));
      const second = await feed.publish(AttendanceRecorded, attendance('att-lijuan-2', 'm-lijuan', 'u-yingkou', 'present', '2026-11-04T01:00:00.000Z'));
      await eventually(async () => expect(await appliedLinesOf({ sourceEventId: { $in: [first.eventId, second.eventId] } })).toHaveLength(3));
      const ranked = async (query: string) => (await admin.get(`${base}/rankings?scope=unit-members&scopeId=u-yingkou&${query}`).expect(200)).body.entries.map((entry: { subjectId: string; points: number }) => [entry.subjectId, entry.points]);
      expect(await ranked('period=campaign')).toEqual([
        ['m-lijuan', 5],
        ['m-visitor', 3],
      ]);

      await feed.publish(MemberLeft, { member: activeMember('m-lijuan', '李娟', yingkou, { status: 'left', leftAt: '2026-11-05', revision: 2 }), reason: 'left', effectiveAt: '2026-11-05' });
      await eventually(async () => expect(await ranked('period=campaign')).toEqual([['m-visitor', 3]]));
      // The week and month she left in leave her out; the days before it still count hers.
      expect(await ranked('period=2026-W45')).toEqual([]);
      expect(await ranked('period=2026-11')).toEqual([['m-visitor', 3]]);
      expect(await ranked('asOf=2026-11-04T12:00:00.000Z')).toEqual([['m-lijuan', 5]]);
      expect(await ranked('asOf=2026-11-11T12:00:00.000Z')).toEqual([['m-visitor', 3]]);
      expect((await admin.get(`${base}/members/m-lijuan/explain`).expect(200)).body.total).toBe(5);

      const afterLeaving = feed.envelope(AttendanceRecorded, attendance('att-lijuan-3', 'm-lijuan', 'u-yingkou', 'present', '2026-11-06T01:00:00.000Z'));
      await app.get(ActivityEventsHandlers).onAttendance([afterLeaving]);
      expect(await linesOf({ sourceEventId: afterLeaving.eventId })).toEqual([]);
    });

    it('ranks units with ties, pages, movers between weeks, and as of a date', async () => {
      const plan = (planId: string, unitId: string, submittedAt: string): PayloadOf<typeof PlanApproved> => ({
        planId,
        campaignId,
        unitId,
        parentUnitId: 'u-edu',
        dueAt: '2026-11-18T00:00:00.000Z',
        approvedAt: submittedAt,
        submittedAt,
        onTime: submittedAt <= '2026-11-18',
      });
      await feed.publish(PlanApproved, plan('p-1', 'u-school-1', '2026-11-17T00:00:00.000Z'));
      await feed.publish(PlanApproved, plan('p-2', 'u-school-2', '2026-11-17T00:00:00.000Z'));
      await feed.publish(PlanApproved, plan('p-3', 'u-yingkou', '2026-11-25T00:00:00.000Z'));
      const held = (activityId: string, organiserUnitId: string, heldAt: string): PayloadOf<typeof ActivityHeld> => ({
        activityId,
        campaignId,
        organiserUnitId,
        kind: 'carrier-activity',
        carrierId: 'carrier-四项活动',
        title: '亮牌示范',
        startsAt: heldAt,
        heldAt,
      });
      await feed.publish(ActivityHeld, held('act-1', 'u-yingkou', '2026-11-24T00:00:00.000Z'));
      await feed.publish(ActivityHeld, held('act-2', 'u-yingkou', '2026-11-25T00:00:00.000Z'));
      await feed.publish(ActivityHeld, held('act-3', 'u-yingkou', '2026-11-26T00:00:00.000Z'));
      await eventually(async () => expect(await appliedLinesOf({ subjectType: 'unit' })).toHaveLength(6));

      const ranking = await admin.get(`${base}/rankings?scope=district-units`).expect(200);
      expect(ranking.body.entries).toEqual([
        { subjectId: 'u-yingkou', subjectName: '盈口乡', points: 11, rank: 1 },
        { subjectId: 'u-school-1', subjectName: '第一中学', points: 10, rank: 2 },
        { subjectId: 'u-school-2', subjectName: '第二中学', points: 10, rank: 2 },
      ]);
      const secondPage = await admin.get(`${base}/rankings?scope=district-units&page=2&pageSize=2`).expect(200);
      expect(secondPage.body).toEqual(expect.objectContaining({ total: 3, entries: [{ subjectId: 'u-school-2', subjectName: '第二中学', points: 10, rank: 2 }] }));
      const inSystem = await admin.get(`${base}/rankings?scope=system-units&scopeId=s-edu`).expect(200);
      expect(inSystem.body.entries.map((e: { subjectId: string; rank: number }) => [e.subjectId, e.rank])).toEqual([
        ['u-school-1', 1],
        ['u-school-2', 1],
      ]);
      const belowEdu = await admin.get(`${base}/rankings?scope=subtree-units&scopeId=u-edu`).expect(200);
      expect(belowEdu.body.entries.map((e: { subjectName: string; rank: number }) => [e.subjectName, e.rank])).toEqual([
        ['第一中学', 1],
        ['第二中学', 1],
      ]);
      const movers = await admin.get(`${base}/rankings/movers?scope=district-units&from=2026-W47&to=2026-W48`).expect(200);
      expect(movers.body.climbed).toEqual([expect.objectContaining({ subjectId: 'u-yingkou', fromRank: null, toRank: 1, fromPoints: 0, toPoints: 11 })]);
      expect(movers.body.fell.map((m: { subjectId: string }) => m.subjectId)).toEqual(['u-school-1', 'u-school-2']);
      const asOf = await admin.get(`${base}/rankings?scope=district-units&asOf=2026-11-24T12:00:00.000Z`).expect(200);
      expect(asOf.body.entries).toEqual([
        { subjectId: 'u-school-1', subjectName: '第一中学', points: 10, rank: 1 },
        { subjectId: 'u-school-2', subjectName: '第二中学', points: 10, rank: 1 },
        { subjectId: 'u-yingkou', subjectName: '盈口乡', points: 2, rank: 3 },
      ]);
      const members = await admin.get(`${base}/rankings?scope=unit-members&scopeId=u-school-1`).expect(200);
      expect(members.body.entries.map((e: { subjectId: string }) => e.subjectId)).toEqual(['m-teacher', 'm-leader']);
      await admin.get(`${base}/rankings?scope=galaxy`).expect(400);
      await admin.get(`${base}/rankings?scope=unit-members`).expect(400);
    });

    it('dates a unit’s points by when its activity took place, and shows an activity marked held weeks later as a late entry', async () => {
      const late = await feed.publish(ActivityHeld, {
        activityId: 'act-late',
        campaignId,
        organiserUnitId: 'u-edu',
        kind: 'carrier-activity',
        carrierId: 'carrier-四项活动',
        title: '党性教育',
        startsAt: '2026-11-03T01:00:00.000Z',
        heldAt: '2026-12-02T09:00:00.000Z',
      });
      await eventually(async () => expect(await appliedLinesOf({ sourceEventId: late.eventId })).toHaveLength(1));
      const week = await admin.get(`${base}/rankings?scope=district-units&period=2026-W45`).expect(200);
      expect(week.body.entries).toEqual([expect.objectContaining({ subjectId: 'u-edu', subjectName: '区教育局', points: 2, rank: 1 })]);
      const asOf = await admin.get(`${base}/rankings?scope=district-units&asOf=2026-11-05T00:00:00.000Z`).expect(200);
      expect(asOf.body.entries).toEqual([expect.objectContaining({ subjectId: 'u-edu', subjectName: '区教育局', points: 2, rank: 1 })]);
      const explained = await admin.get(`${base}/units/u-edu/explain?period=2026-W45`).expect(200);
      expect(explained.body.indicators[0].lines).toEqual([
        expect.objectContaining({ ruleId: 'carriers', points: 2, occurredAt: '2026-11-03T01:00:00.000Z', recordedAt: '2026-12-02T09:00:00.000Z', lateEntry: true }),
      ]);
    });

    it('derives a unit indicator from its members and appends only the difference when run again', async () => {
      const first = await admin.post(`${base}/derivations`, { window: 'week', periodKey: '2026-W48' }).expect(200);
      expect(first.body).toEqual(expect.objectContaining({ schemeVersion: 1, units: 2, lines: 2 }));
      const again = await admin.post(`${base}/derivations`, { window: 'week', periodKey: '2026-W48' }).expect(200);
      expect(again.body.lines).toBe(0);
      const explained = await admin.get(`${base}/units/u-school-1/explain?period=2026-W48`).expect(200);
      expect(explained.body.indicators[0].lines).toEqual([expect.objectContaining({ kind: 'derived', points: 10, explanation: '2026-W48，出勤率2/2（100%）× 10 = 10' })]);
      await admin.post(`${base}/derivations`, { window: 'week', periodKey: '2026-11' }).expect(400);
    });

    it('recomputes under a new scheme version from its effective date', async () => {
      const v2 = JSON.parse(JSON.stringify(scheme));
      v2.effectiveFrom = '2026-11-20';
      v2.reason = '提高集中学习分值';
      v2.indicators[0].rules[0].present = 4;
      // What-if first: the draft scored against the records, nothing saved.
      const preview = (await admin.post(`${base}/schemes/preview?limit=1000`, v2).expect(200)).body;
      expect(preview.draft).toEqual({ version: 2, effectiveFrom: '2026-11-20', reason: '提高集中学习分值' });
      expect(preview.rescored.facts).toBeGreaterThan(0);
      expect(preview.members.moved).toContainEqual(expect.objectContaining({ subjectId: 'm-mover', unitId: 'u-school-2', points: 6, previewPoints: 8, delta: 2 }));
      expect((await admin.get(`${base}/schemes`).expect(200)).body).toHaveLength(1);
      await admin.post(`${base}/schemes/preview`, { ...v2, effectiveFrom: '2025-01-01' }).expect(400);
      await (await caller(app, { sub: 'edu-admin', district, roles: ['unit-admin'], units: ['u-edu'] })).post(`${base}/schemes/preview`, v2).expect(403);

      await admin.post(`${base}/schemes`, v2).expect(201);
      const before = (await admin.get(`${base}/members/m-mover/explain`).expect(200)).body;
      expect(before.total).toBe(6);
      const report = await admin.post(`${base}/schemes/recompute`, {}).expect(200);
      expect(report.body.reversed).toBeGreaterThan(0);
      const after = (await admin.get(`${base}/members/m-mover/explain`).expect(200)).body;
      expect(after.total).toBe(3 + 5);
      expect(after.standing).toBe(after.total);
      // The preview foretold the recompute for everyone it listed.
      for (const move of preview.members.moved) expect((await admin.get(`${base}/members/${move.subjectId}/explain`).expect(200)).body.total).toBe(move.previewPoints);
      for (const move of preview.units.moved) expect((await admin.get(`${base}/units/${move.subjectId}/explain`).expect(200)).body.total).toBe(move.previewPoints);
      const again = await admin.post(`${base}/schemes/recompute`, {}).expect(200);
      expect(again.body).toEqual(expect.objectContaining({ reversed: 0, added: 0 }));
      const audit = await admin.get(`${base}/audit?action=scheme.saved`).expect(200);
      expect(audit.body.map((entry: { reason: string }) => entry.reason)).toEqual(['提高集中学习分值', '区委创先争优考核评价制度']);
    });

    it('reconciliation finds injected drift and heals it', async () => {
      expect((await admin.post(`${base}/standings/reconcile`).expect(200)).body.drift).toEqual([]);
      await standings.updateOne({ district, campaignId, period: 'campaign', scope: 'member', subjectId: 'm-teacher' }, { $inc: { points: 7 } });
      await standings.deleteOne({ district, campaignId, period: 'campaign', scope: 'unit', subjectId: 'u-yingkou' });
      const report = await admin.post(`${base}/standings/reconcile`).expect(200);
      expect(report.body.drift).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ scope: 'member', subjectId: 'm-teacher', difference: 7 }),
          expect.objectContaining({ scope: 'unit', subjectId: 'u-yingkou', standing: 0, ledger: 11 }),
        ]),
      );
      expect(report.body.healed).toBe(false);
      expect((await admin.post(`${base}/standings/reconcile?heal=true`).expect(200)).body.healed).toBe(true);
      expect((await admin.post(`${base}/standings/reconcile`).expect(200)).body.drift).toEqual([]);
    });

    it('property: after events with duplicates and reordering the standings equal the ledger', async () => {
      const envelopes = Array.from({ length: 24 }, (_, i) =>
        feed.envelope(StudyLogged, {
          entryId: `p-${i}`,
          campaignId,
          memberId: ['m-teacher', 'm-leader', 'm-mover'][i % 3],
          memberUnitId: i % 3 === 2 ? 'u-school-2' : 'u-school-1',
          studiedOn: `2026-11-${String(10 + (i % 7)).padStart(2, '0')}`,
          topic: '理论学习',
          hours: (i % 4) + 1,
          recordedBy: 'member',
        }),
      );
      const deliveries = [...envelopes, ...envelopes.filter((_, i) => i % 3 === 0)].sort(() => Math.random() - 0.5);
      const handlers = app.get(ActivityEventsHandlers);
      await Promise.all([...deliveries.map((e, i) => feed.send(e, `${e.eventId}-${i}`)), ...envelopes.slice(0, 6).map((e) => handlers.onStudy(e))]);
      const facts = model(app, 'ScoreFact');
      await eventually(async () => expect(await facts.countDocuments({ district, factKey: { $in: envelopes.map((e) => `study:${e.payload.entryId}`) } })).toBe(24), { timeoutMs: 30_000 });
      // A fact is stored before its lines are appended and applied: wait for both, then for no drift.
      await eventually(async () => {
        expect(await linesOf({ sourceEventId: { $in: envelopes.map((e) => e.eventId) }, applied: false })).toEqual([]);
        expect((await admin.post(`${base}/standings/reconcile`).expect(200)).body.drift).toEqual([]);
      });
      const ledgerTotal = (await linesOf({ sourceEventId: { $in: envelopes.map((e) => e.eventId) } })).reduce((sum, line) => sum + line.points, 0);
      expect(ledgerTotal).toBeGreaterThan(0);
    });

    it('keeps manual adjustments as new lines with reason and author, for district admins only', async () => {
      const unitAdmin = await caller(app, { sub: 'edu-admin', district, roles: ['unit-admin'], units: ['u-edu'] });
      const adjustment = { subjectType: 'member', subjectId: 'm-teacher', indicatorId: 'study', points: -2, reason: '学习记录本抽查不实' };
      await unitAdmin.post(`${base}/adjustments`, adjustment).expect(403);
      await admin.post(`${base}/adjustments`, { ...adjustment, points: 0 }).expect(400);
      await admin.post(`${base}/adjustments`, { ...adjustment, bonus: 1 }).expect(400);
      const line = await admin.post(`${base}/adjustments`, adjustment).expect(201);
      expect(line.body).toEqual(
        expect.objectContaining({ kind: 'adjustment', points: -2, reason: '学习记录本抽查不实', author: 'admin-1', subjectName: '李老师', unitId: 'u-school-1', unitName: '第一中学', explanation: 'admin-1手工调整：学习记录本抽查不实 = -2' }),
      );
      expectNoInternalFields(line.body);
      expectNoInternalFields((await admin.get(`${base}/members/m-teacher/explain`).expect(200)).body);
      const audit = await admin.get(`${base}/audit?action=ledger.adjusted`).expect(200);
      expect(audit.body[0]).toEqual(expect.objectContaining({ actor: 'admin-1', target: 'member:m-teacher', reason: '学习记录本抽查不实' }));
    });

    it('refuses adjustments under an unknown indicator, under a unit indicator for a member, and corrections of another subject’s line', async () => {
      const before = (await admin.get(`${base}/members/m-teacher/explain`).expect(200)).body.total;
      const adjustment = { subjectType: 'member', subjectId: 'm-teacher', indicatorId: 'study', points: 1, reason: '补记集中学习' };
      const unknown = await admin.post(`${base}/adjustments`, { ...adjustment, indicatorId: 'galaxy' }).set('Accept-Language', 'en').expect(400);
      expect(unknown.body.message).toContain('has no indicator "galaxy"');
      const unitOnly = await admin.post(`${base}/adjustments`, { ...adjustment, indicatorId: 'unit-work' }).expect(400);
      expect(unitOnly.body.message).toBe('指标“unit-work”考核的是单位，不能用于党员');
      const [otherUnitsLine] = await linesOf({ subjectType: 'unit', subjectId: 'u-yingkou' });
      await admin.post(`${base}/adjustments`, { ...adjustment, subjectType: 'unit', subjectId: 'u-school-1', indicatorId: 'unit-work', correctsLineId: String(otherUnitsLine._id) }).expect(400);
      const [teachersWritingLine] = await linesOf({ subjectId: 'm-teacher', indicatorId: 'writing' });
      await admin.post(`${base}/adjustments`, { ...adjustment, correctsLineId: String(teachersWritingLine._id) }).expect(400);
      await admin.post(`${base}/adjustments`, { ...adjustment, correctsLineId: '5f0000000000000000000000' }).expect(404);
      expect((await admin.get(`${base}/members/m-teacher/explain`).expect(200)).body.total).toBe(before);

      const [teachersStudyLine] = await linesOf({ subjectId: 'm-teacher', indicatorId: 'study', kind: 'rule' });
      const correction = await admin.post(`${base}/adjustments`, { ...adjustment, points: -1, reason: '更正重复记录', correctsLineId: String(teachersStudyLine._id) }).expect(201);
      expect(correction.body).toEqual(expect.objectContaining({ kind: 'adjustment', correctsLineId: String(teachersStudyLine._id), points: -1 }));
    });

    it('shows members their own score only, unit admins their subtree, and another district nothing', async () => {
      const teacher = await caller(app, { sub: 'teacher', district, roles: ['member'], memberId: 'm-teacher' });
      await teacher.get(`${base}/members/m-teacher/explain`).expect(200);
      await teacher.get(`${base}/members/m-leader/explain`).expect(403);
      await teacher.get(`${base}/units/u-school-1/explain`).expect(403);
      const schoolAdmin = await caller(app, { sub: 'school-admin', district, roles: ['unit-admin'], units: ['u-school-2'] });
      await schoolAdmin.get(`${base}/members/m-mover/explain`).expect(200);
      await schoolAdmin.get(`${base}/members/m-teacher/explain`).expect(403);
      await schoolAdmin.get(`${base}/rankings?scope=unit-members&scopeId=u-school-1`).expect(403);
      const stranger = await caller(app, { sub: 'other-admin', district: `d-${randomUUID()}`, roles: ['district-admin'] });
      // Another district's campaign, and everything in it, is as missing as one that never was.
      for (const path of ['units/u-school-1/explain', 'members/m-teacher/explain', 'rankings?scope=district-units', 'schemes', 'standings/member/m-teacher', 'audit']) {
        expect((await stranger.get(`${base}/${path}`).expect(404)).body.message).toBe('没有活动c-2026');
      }
      await stranger.post(`${base}/standings/reconcile`).expect(404);
      // Writes naming a campaign the caller's district does not know are refused before the body is even read.
      for (const write of ['schemes', 'schemes/recompute', 'derivations', 'rankings/published', 'standings/rebuild']) await stranger.post(`${base}/${write}`, {}).expect(404);
      for (const hostile of ['..%2F..%2Fetc', encodeURIComponent('{"$gt":""}'), 'c'.repeat(6000)]) await admin.post(`/campaigns/${hostile}/schemes`, {}).expect(404);
      await stranger.post(`${base}/adjustments`, { subjectType: 'member', subjectId: 'm-teacher', indicatorId: 'study', points: 1, reason: '补记集中学习' }).expect(404);
      // In the district: what does not exist is 404, what is outside the caller's scope 403.
      await schoolAdmin.get(`${base}/members/m-nobody/explain`).expect(404);
      await schoolAdmin.get(`${base}/units/u-nowhere/explain`).expect(404);
      await schoolAdmin.get(`${base}/rankings?scope=unit-members&scopeId=u-nowhere`).expect(404);
      await schoolAdmin.get(`${base}/units/u-school-1/explain`).expect(403);
      await admin.get(`${base}/standings/system/s-nothing`).expect(404);
      await schoolAdmin.get(`${base}/standings/system/s-edu`).expect(403);
      await admin.get(`/campaigns/c-never/rankings?scope=district-units`).expect(404);
    });
  });
}

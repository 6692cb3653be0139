import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import {
  MemberEnrolled,
  MemberTransferred,
  MemberUpdated,
  SystemChanged,
  UnitCreated,
  UnitMoved,
  UnitUpdated,
} from '@campaign/contracts';
import { apiFuzzCases, AUTHORIZATION_TABLE, authorizationMatrixCases, eventually, startTestService, testServiceEnv, uniqueDatabase } from '@campaign/testing';
import { accessRulesCases } from '../test/access-rules.cases';
import { admin, bearer, createCampaign, harness, http, memberToken, unitAdmin } from '../test/harness';
import { memberStudyCases } from '../test/member-study.cases';
import { memberSnapshot, OrgPublisher, unitSnapshot } from '../test/org-fixtures';
import { reviewQueueCases } from '../test/review-queue.cases';
import { AppModule } from './app.module';
import { ORG_MEMBER, ORG_UNIT } from '@campaign/org-read-model';
import { OrgMember, OrgUnit } from './org-read-model/org-read-model.schemas';

const SCHOOLS = 31;
const SCHOOL_MEMBERS = 2_000;
const DAY = 24 * 60 * 60_000;

let app: INestApplication;
let org: OrgPublisher;
let members: Model<OrgMember>;
let units: Model<OrgUnit>;


beforeAll(async () => {
  app = await startTestService(
    AppModule,
    testServiceEnv(uniqueDatabase('activity_records'), {
      ACTIVITY_CHECKIN_WINDOW_MINUTES: '20',
      OBLIGATION_AT_RISK_DAYS: '60',
      // The tests trigger evaluation through the endpoint (the same pass the timer runs) to stay deterministic.
      OBLIGATION_EVALUATOR_INTERVAL_MS: '3600000',
    }),
  );
  members = app.get<Model<OrgMember>>(getModelToken(ORG_MEMBER));
  units = app.get<Model<OrgUnit>>(getModelToken(ORG_UNIT));
  org = await OrgPublisher.connect();
  Object.assign(harness, { app, org });
});

afterAll(async () => {
  await org?.close();
  await app?.close();
});

/** The source document's district: 区委 with 区教育局 (31 schools), 区政协 and its branch, 区商业事务管理处. */
async function seedDistrict(district: string, schoolMembers: number) {
  const id = (name: string) => `${district}-${name}`;
  const root = id('quwei');
  const edu = id('jiaoyuju');
  const cppcc = id('zhengxie');
  const cppccBranch = id('zhengxie-branch');
  const commerce = id('shangwu');
  const eduSystem = id('system-education');
  const schools = Array.from({ length: SCHOOLS }, (_, i) => id(`school-${i + 1}`));
  await org.publish(UnitCreated, { unit: unitSnapshot(root, '区委', 'district-committee', null) }, district);
  await org.publish(UnitCreated, { unit: unitSnapshot(edu, '区教育局', 'district-organ', [root], 1, [eduSystem]) }, district);
  await org.publish(UnitCreated, { unit: unitSnapshot(cppcc, '区政协', 'district-organ', [root]) }, district);
  await org.publish(UnitCreated, { unit: unitSnapshot(cppccBranch, '区政协机关党支部', 'party-branch', [root, cppcc]) }, district);
  await org.publish(UnitCreated, { unit: unitSnapshot(commerce, '区商业事务管理处', 'district-organ', [root]) }, district);
  await Promise.all(schools.map((school, i) => org.publish(UnitCreated, { unit: unitSnapshot(school, `区第${i + 1}学校`, 'school', [root, edu]) }, district)));
  await org.publish(SystemChanged, { systemId: eduSystem, name: '教育系统', leadUnitId: edu, unitIds: [edu], revision: 1 }, district);
  await eventually(async () => expect(await units.countDocuments({ district })).toBe(SCHOOLS + 5), { timeoutMs: 60_000, intervalMs: 500 });
  const schoolMemberIds = Array.from({ length: schoolMembers }, (_, i) => id(`teacher-${i}`));
  // Thousands of member events through FerretDB take minutes on the shared 2-core machine; the event path is covered
  // above, so the bulk-attendance population goes straight into the read model, as the handlers would leave it.
  await members.insertMany(
    schoolMemberIds.map((memberId, index) => {
      const school = schools[index % SCHOOLS];
      const leader = index < SCHOOLS;
      const snapshot = memberSnapshot(memberId, `教师${index}`, [root, edu, school], { isLeader: leader, posts: leader ? ['书记'] : [] });
      return { ...snapshot, _id: memberId, district, previousUnits: [] };
    }),
  );
  const cppccMember = id('cppcc-member');
  const commerceMembers = [id('commerce-1'), id('commerce-2')];
  await org.publish(MemberEnrolled, { member: memberSnapshot(cppccMember, '政协干部', [root, cppcc, cppccBranch]) }, district);
  for (const memberId of commerceMembers) {
    await org.publish(MemberEnrolled, { member: memberSnapshot(memberId, `商务干部${memberId.slice(-1)}`, [root, commerce], { isKeyPost: true }) }, district);
  }
  const total = schoolMembers + 1 + commerceMembers.length;
  await eventually(async () => expect(await members.countDocuments({ district })).toBe(total), { timeoutMs: 90_000, intervalMs: 500 });
  return { root, edu, cppcc, cppccBranch, commerce, eduSystem, schools, schoolMemberIds, cppccMember, commerceMembers };
}

async function launchCampaign(district: string, planDueAt: Date, stage: 'planning' | 'operation' = 'operation'): Promise<string> {
  const campaignId = (
    await createCampaign(district, {
      stages: {
        planning: { startsOn: '2026-03-01', endsOn: '2026-04-30' },
        operation: { startsOn: '2026-05-01', endsOn: '2026-12-31' },
        appraisal: { startsOn: '2027-01-01', endsOn: '2027-01-31' },
      },
      planDueAt: planDueAt.toISOString(),
    })
  )._id;
  if (stage === 'operation') await http().post(`/campaigns/${campaignId}/stage`).set(bearer(await admin(district))).send({ to: 'operation' }).expect(201);
  return campaignId;
}

async function scheduleActivity(district: string, body: Record<string, unknown>): Promise<string> {
  const response = await http().post('/activities').set(bearer(await admin(district))).send(body);
  expect(response.body).toMatchObject({ status: 'scheduled' });
  return response.body._id as string;
}

describe('organisation read model from org events', () => {
  const build = (district: string) => {
    const id = (name: string) => `${district}-${name}`;
    const [r, a, b, c, m] = [id('r'), id('a'), id('b'), id('c'), id('m')];
    return {
      ids: { r, a, b, c, m },
      events: [
        { definition: UnitCreated, payload: { unit: unitSnapshot(r, '区委', 'district-committee', null) } },
        { definition: UnitCreated, payload: { unit: unitSnapshot(a, '城北街道', 'sub-district', [r]) } },
        { definition: UnitCreated, payload: { unit: unitSnapshot(b, '盈口乡', 'township', [r]) } },
        { definition: UnitCreated, payload: { unit: unitSnapshot(c, '城北街道党支部', 'party-branch', [r, a]) } },
        { definition: MemberEnrolled, payload: { member: memberSnapshot(m, '张三', [r, a, c]) } },
        { definition: UnitUpdated, payload: { unit: { ...unitSnapshot(a, '城北街道办事处', 'sub-district', [r]), revision: 2 } } },
        {
          definition: UnitMoved,
          payload: { unit: { ...unitSnapshot(a, '城北街道办事处', 'sub-district', [r, b]), revision: 3 }, previousParentId: r, previousPath: [r, a] },
        },
        { definition: MemberUpdated, payload: { member: memberSnapshot(m, '张三', [r, b, a, c], { isLeader: true, revision: 2 }) } },
      ],
    };
  };

  async function readModel(district: string, ids: Record<string, string>) {
    const token = await admin(district);
    const strip = (value: unknown) => JSON.parse(JSON.stringify(value).split(`${district}-`).join(''));
    const units = await Promise.all(
      [ids.r, ids.a, ids.b, ids.c].map(async (unitId) => {
        const { body } = await http().get(`/org/units/${unitId}`).set(bearer(token)).expect(200);
        return strip({ id: body._id, name: body.name, parentId: body.parentId, path: body.path, revision: body.revision });
      }),
    );
    const { body: member } = await http().get(`/org/members/${ids.m}`).set(bearer(token)).expect(200);
    return { units, member: strip({ unitPath: member.unitPath, isLeader: member.isLeader, revision: member.revision }) };
  }

  it('converges on the same tree from in-order and from shuffled, duplicated and stale deliveries, and rebuilds', async () => {
    const ordered = `d-${randomUUID()}`;
    const shuffled = `d-${randomUUID()}`;
    const inOrder = build(ordered);
    for (const event of inOrder.events) await org.publish(event.definition as never, event.payload as never, ordered);

    const mixed = build(shuffled);
    const order = [7, 6, 4, 3, 5, 0, 2, 1];
    const sent = [];
    for (const index of order) sent.push(await org.publish(mixed.events[index].definition as never, mixed.events[index].payload as never, shuffled));
    // The same events again (past JetStream's de-duplication), and a stale snapshot under a new event id.
    for (const envelope of sent.slice(0, 4)) await org.republish(envelope);
    await org.publish(UnitUpdated, { unit: { ...unitSnapshot(mixed.ids.a, '旧名称', 'sub-district', [mixed.ids.r]), revision: 1 } }, shuffled);

    const expected = {
      units: [
        { id: 'r', name: '区委', parentId: null, path: ['r'], revision: 1 },
        { id: 'a', name: '城北街道办事处', parentId: 'b', path: ['r', 'b', 'a'], revision: 3 },
        { id: 'b', name: '盈口乡', parentId: 'r', path: ['r', 'b'], revision: 1 },
        { id: 'c', name: '城北街道党支部', parentId: 'a', path: ['r', 'b', 'a', 'c'], revision: 1 },
      ],
      member: { unitPath: ['r', 'b', 'a', 'c'], isLeader: true, revision: 2 },
    };
    await eventually(async () => expect(await readModel(ordered, inOrder.ids)).toEqual(expected));
    await eventually(async () => expect(await readModel(shuffled, mixed.ids)).toEqual(expected));

    const { body } = await http().post('/org/rebuild').set(bearer(await admin(shuffled))).expect(201);
    expect(body.replayed).toBeGreaterThanOrEqual(order.length);
    expect(await readModel(shuffled, mixed.ids)).toEqual(expected);
  });

  it('keeps the unit a member belonged to before a transfer', async () => {
    const district = `d-${randomUUID()}`;
    const id = (name: string) => `${district}-${name}`;
    await org.publish(UnitCreated, { unit: unitSnapshot(id('r'), '区委', 'district-committee', null) }, district);
    await org.publish(UnitCreated, { unit: unitSnapshot(id('x'), '区科技局', 'district-organ', [id('r')]) }, district);
    await org.publish(UnitCreated, { unit: unitSnapshot(id('y'), '区蔬菜办', 'district-organ', [id('r')]) }, district);
    const effectiveAt = '2026-06-01';
    await org.publish(
      MemberTransferred,
      { member: memberSnapshot(id('m'), '李四', [id('r'), id('y')], { revision: 2 }), fromUnitId: id('x'), toUnitId: id('y'), effectiveAt },
      district,
    );
    await eventually(async () => {
      const { body } = await http().get(`/org/members/${id('m')}`).set(bearer(await admin(district))).expect(200);
      expect(body.unitId).toBe(id('y'));
      expect(body.previousUnits).toEqual([{ unitId: id('x'), until: new Date(effectiveAt).toISOString() }]);
    });
    const { body: entry } = await http()
      .post(`/members/${id('m')}/study-log`)
      .set(bearer(await memberToken(district, id('m'))))
      .send({ studiedOn: '2026-05-20', topic: '学习记录本', hours: 2 })
      .expect(201);
    expect(entry).toMatchObject({ memberUnitId: id('x'), recordedBy: 'member' });
  });
});

describe('activities and attendance in 区教育局 (31 schools, 2,000 members)', () => {
  const district = `d-${randomUUID()}`;
  let demo: Awaited<ReturnType<typeof seedDistrict>>;
  let campaignId: string;
  let studyId: string;

  beforeAll(async () => {
    demo = await seedDistrict(district, SCHOOL_MEMBERS);
    campaignId = await launchCampaign(district, new Date(Date.now() + 30 * DAY));
    studyId = await scheduleActivity(district, {
      campaignId,
      kind: 'collective-study',
      title: '区教育局集中学习',
      organiserUnitId: demo.edu,
      startsAt: new Date().toISOString(),
      place: '区教育局会议室',
    });
  }, 150_000);

  it('accepts a bulk of 2,000 members in one request, one event each, and ignores an identical resubmission', async () => {
    const rows = demo.schoolMemberIds.map((memberId, i) => ({ memberId, status: i % 10 === 0 ? 'excused' : 'present' }));
    const token = await unitAdmin(district, demo.edu);
    const { body } = await http().post(`/activities/${studyId}/attendance/bulk`).set(bearer(token)).send({ rows }).expect(201);
    expect(body).toEqual({ recorded: SCHOOL_MEMBERS, unchanged: 0 });
    const again = await http().post(`/activities/${studyId}/attendance/bulk`).set(bearer(token)).send({ rows }).expect(201);
    expect(again.body).toEqual({ recorded: 0, unchanged: SCHOOL_MEMBERS });
    const corrected = await http()
      .put(`/activities/${studyId}/attendance/${demo.schoolMemberIds[0]}`)
      .set(bearer(token))
      .send({ status: 'present' })
      .expect(200);
    expect(corrected.body).toMatchObject({ status: 'present', revision: 2, source: 'manual' });
    const { body: list } = await http().get(`/activities/${studyId}/attendance`).set(bearer(token)).expect(200);
    expect(list).toHaveLength(SCHOOL_MEMBERS);
    await eventually(
      async () => {
        const events = await org.published<{ activityId: string; revision: number }>('activity.attendance.recorded.v1', district);
        const forStudy = events.filter((e) => e.payload.activityId === studyId);
        expect(forStudy).toHaveLength(SCHOOL_MEMBERS + 1);
        expect(forStudy.filter((e) => e.payload.revision === 2)).toHaveLength(1);
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
  }, 240_000);

  it("shows each school's attendance rate under 区教育局's participation, and nothing outside the caller's scope", async () => {
    const { body: rows } = await http().get(`/units/${demo.edu}/participation`).query({ campaignId }).set(bearer(await unitAdmin(district, demo.edu))).expect(200);
    const recorded = rows.reduce((sum: number, row: { attendance: { present: number; excused: number; absent: number } }) => sum + row.attendance.present + row.attendance.excused + row.attendance.absent, 0);
    expect(recorded).toBe(SCHOOL_MEMBERS);
    expect(rows.filter((row: { attendance: { rate: number | null } }) => row.attendance.rate !== null).length).toBeGreaterThan(1);
    await http().get(`/units/${demo.edu}/participation`).query({ campaignId }).set(bearer(await unitAdmin(district, demo.schools[0]))).expect(403);
    await http().get(`/units/${demo.edu}/participation`).query({ campaignId }).set(bearer(await admin(`d-${randomUUID()}`))).expect(404);
    await http().get(`/units/${demo.edu}/participation`).set(bearer(await unitAdmin(district, demo.edu))).expect(400);
  });

  it('rejects a bulk with one bad row by index and reason, writing nothing', async () => {
    const meetingId = await scheduleActivity(district, {
      campaignId,
      kind: 'special-meeting',
      title: '专题会议',
      organiserUnitId: demo.schools[0],
      startsAt: new Date().toISOString(),
    });
    const schoolMembers = demo.schoolMemberIds.filter((_, i) => i % SCHOOLS === 0).slice(0, 40);
    const rows = schoolMembers.map((memberId) => ({ memberId, status: 'present' }));
    rows.splice(7, 0, { memberId: demo.commerceMembers[0], status: 'present' });
    const { body } = await http().post(`/activities/${meetingId}/attendance/bulk`).set(bearer(await admin(district))).send({ rows }).expect(400);
    expect(body).toMatchObject({ code: 'rows-invalid', message: `${rows.length}行中有1行有误，未记录任何数据` });
    expect(body.rows).toEqual([{ index: 7, memberId: demo.commerceMembers[0], code: 'out-of-scope', reason: '该党员不在组织单位及受邀单位范围内' }]);
    const { body: list } = await http().get(`/activities/${meetingId}/attendance`).set(bearer(await admin(district))).expect(200);
    expect(list).toEqual([]);

    const invalidStatus = await http()
      .post(`/activities/${meetingId}/attendance/bulk`)
      .set(bearer(await admin(district)))
      .set('Accept-Language', 'en-US,en;q=0.9')
      .send({ rows: [{ memberId: schoolMembers[0], status: 'late' }] })
      .expect(400);
    expect(invalidStatus.body).toMatchObject({ code: 'validation-failed', message: 'The request is invalid: 1 problem(s)' });
    expect(invalidStatus.body.details).toEqual([
      { field: 'rows.0.status', constraint: 'isIn', message: 'rows.0.status must be one of: present, absent, excused' },
    ]);
  });

  it('lets a member check in only within the window and only when in scope', async () => {
    const inside = await scheduleActivity(district, {
      campaignId,
      kind: 'rotation-training',
      title: '轮训',
      organiserUnitId: demo.edu,
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    const later = await scheduleActivity(district, {
      campaignId,
      kind: 'rotation-training',
      title: '轮训（下午）',
      organiserUnitId: demo.edu,
      startsAt: new Date(Date.now() + 2 * 60 * 60_000).toISOString(),
    });
    const teacher = demo.schoolMemberIds[5];
    const { body } = await http().post(`/activities/${inside}/check-in`).set(bearer(await memberToken(district, teacher))).expect(201);
    expect(body).toMatchObject({ memberId: teacher, status: 'present', source: 'check-in', revision: 1 });
    const early = await http().post(`/activities/${later}/check-in`).set(bearer(await memberToken(district, teacher))).set('Accept-Language', 'en').expect(409);
    expect(early.body).toMatchObject({ code: 'check-in-not-open', message: expect.stringMatching(/^Check-in opens 20 minutes before the start \(\d{4}-\d\d-\d\d \d\d:\d\d\)$/) });
    await http().post(`/activities/${inside}/check-in`).set(bearer(await memberToken(district, demo.commerceMembers[0]))).expect(403);
  });

  it('imports a check-in export, reporting unmatched and out-of-window rows', async () => {
    const startsAt = new Date(Date.now() - 60 * 60_000);
    const trainingId = await scheduleActivity(district, {
      campaignId,
      kind: 'volunteer-service',
      title: '志愿服务',
      organiserUnitId: demo.edu,
      invitedUnitIds: [demo.cppcc],
      startsAt: startsAt.toISOString(),
    });
    const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000).toISOString();
    const [t1, t2, t3] = demo.schoolMemberIds.slice(100, 103);
    const csv = [
      'externalId,name,checkedInAt',
      `HR-${t1},教师100,${at(-5)}`,
      `HR-${t2},教师101,${at(3)}`,
      `HR-${demo.cppccMember},政协干部,${at(10)}`,
      'HR-unknown,无此人,' + at(0),
      `HR-${t3},教师102,${at(45)}`,
    ].join('\n');
    const token = await admin(district);
    const { body } = await http().post(`/activities/${trainingId}/attendance/import`).set(bearer(token)).send({ csv }).expect(201);
    expect(body).toMatchObject({ rows: 5, recorded: 3, unchanged: 0, duplicates: [] });
    expect(body.unmatched).toEqual([{ line: 5, externalId: 'HR-unknown', name: '无此人', code: 'unmatched', reason: 'memberId 或 externalId 与本区党员均不匹配' }]);
    expect(body.outsideWindow).toEqual([expect.objectContaining({ line: 6, externalId: `HR-${t3}`, code: 'check-in-closed' })]);
    const { body: list } = await http().get(`/activities/${trainingId}/attendance`).set(bearer(token)).expect(200);
    expect(list.map((a: { memberId: string; source: string }) => [a.memberId, a.source]).sort()).toEqual(
      [t1, t2, demo.cppccMember].map((m) => [m, 'import']).sort(),
    );

    const outsider = `memberId\n${demo.commerceMembers[1]}`;
    const rejected = await http().post(`/activities/${trainingId}/attendance/import`).set(bearer(token)).send({ csv: outsider }).expect(400);
    expect(rejected.body.rows).toEqual([{ line: 2, memberId: demo.commerceMembers[1], code: 'out-of-scope', reason: expect.any(String) }]);
  });

  it('assigns a target to every leader of the education system in one request', async () => {
    const token = await admin(district);
    const body = {
      campaignId,
      year: 2026,
      kind: 'common',
      title: '带头完成调研课题一项',
      dueAt: '2026-12-31T23:59:59+08:00',
      filter: { systemId: demo.eduSystem, leadersOnly: true },
    };
    const { body: outcome } = await http().post('/targets/bulk').set(bearer(token)).send(body).expect(201);
    expect(outcome).toEqual({ matched: SCHOOLS, created: SCHOOLS, existing: 0 });
    const repeat = await http().post('/targets/bulk').set(bearer(token)).send(body).expect(201);
    expect(repeat.body).toEqual({ matched: SCHOOLS, created: 0, existing: SCHOOLS });

    const leader = demo.schoolMemberIds[0];
    const { body: targets } = await http().get(`/members/${leader}/targets`).set(bearer(await memberToken(district, leader))).expect(200);
    expect(targets).toEqual([expect.objectContaining({ title: body.title, strict: true, status: 'set' })]);
    const targetId = targets[0]._id;
    await http().put(`/targets/${targetId}/progress`).set(bearer(await memberToken(district, leader))).send({ progress: 60 }).expect(200);
    await http().post(`/targets/${targetId}/complete`).set(bearer(await memberToken(district, leader))).expect(201);
    const reviewed = await http().post(`/targets/${targetId}/review`).set(bearer(await unitAdmin(district, demo.edu))).send({ outcome: 'approved' }).expect(201);
    expect(reviewed.body).toMatchObject({ status: 'completed', progress: 100 });
    await eventually(async () => {
      const set = await org.published<{ targetId: string }>('activity.target.set.v1', district);
      expect(set).toHaveLength(SCHOOLS);
      const completed = await org.published<{ targetId: string }>('activity.target.completed.v1', district);
      expect(completed.map((e) => e.payload.targetId)).toEqual([targetId]);
    });
  });

  it('shows nothing to another district and refuses a unit admin outside the organiser', async () => {
    const other = await admin(`d-${randomUUID()}`);
    await http().get(`/activities/${studyId}`).set(bearer(other)).expect(404);
    await http().get(`/org/units/${demo.edu}`).set(bearer(other)).expect(404);
    await http().post(`/activities/${studyId}/attendance/bulk`).set(bearer(other)).send({ rows: [{ memberId: demo.schoolMemberIds[0], status: 'present' }] }).expect(404);
    await http().get(`/members/${demo.schoolMemberIds[0]}/targets`).set(bearer(other)).expect(404);
    const schoolAdmin = await unitAdmin(district, demo.schools[0]);
    await http().put(`/activities/${studyId}/attendance/${demo.schoolMemberIds[0]}`).set(bearer(schoolAdmin)).send({ status: 'absent' }).expect(403);
    // In the district but outside the caller's scope is 403, not 404: only another district's is indistinguishable from missing.
    const { body: refused } = await http().get(`/activities/${studyId}`).set(bearer(schoolAdmin)).expect(403);
    expect(refused).toEqual({ statusCode: 403, code: 'activity-out-of-scope', message: '活动“区教育局集中学习”不在您的管理范围内' });
    await http().get(`/members/${demo.schoolMemberIds[1]}/targets`).set(bearer(await memberToken(district, demo.schoolMemberIds[2]))).expect(403);
  });
});

describe('plans, submissions and obligations in 区政协 and 区商业事务管理处', () => {
  const district = `d-${randomUUID()}`;
  let demo: Awaited<ReturnType<typeof seedDistrict>>;
  let campaignId: string;

  const obligationEvents = async (subject: string, obligationId: string) =>
    (await org.published<{ obligationId: string }>(subject, district)).filter((e) => e.payload.obligationId === obligationId);

  beforeAll(async () => {
    demo = await seedDistrict(district, 0);
    campaignId = await launchCampaign(district, new Date(Date.now() - DAY));
  }, 120_000);

  it('enforces the stage rules', async () => {
    const planning = await launchCampaign(district, new Date(Date.now() + DAY), 'planning');
    const token = await admin(district);
    const base = { campaignId: planning, organiserUnitId: demo.cppcc, startsAt: new Date().toISOString() };
    const refused = await http().post('/activities').set(bearer(token)).send({ ...base, kind: 'collective-study', title: '集中学习' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'stage-forbids-activity-kind', message: '活动处于规划阶段，只能安排动员大会、专题会议' });
    await http().post('/activities').set(bearer(token)).send({ ...base, kind: 'mobilisation-meeting', title: '动员大会' }).expect(201);
    await http().post(`/campaigns/${planning}/stage`).set(bearer(token)).send({ to: 'appraisal' }).expect(409);
  });

  it('refuses NUL, lone surrogates, bidi and zero-width marks in names and titles, and stores nothing', async () => {
    const token = await admin(district);
    const before = (await http().get(`/campaigns/${campaignId}`).set(bearer(token)).expect(200)).body;
    await http().post(`/campaigns/${campaignId}/themes`).set(bearer(token)).send({ title: '提升\u202E三服务' }).expect(400);
    await http().post(`/campaigns/${campaignId}/carriers`).set(bearer(token)).send({ name: '亮牌\u200B示范' }).expect(400);
    const base = { campaignId, kind: 'collective-study', organiserUnitId: demo.cppcc, startsAt: new Date().toISOString() };
    for (const title of ['集中\u0000学习', '集中\ud800学习', '学'.repeat(301)]) await http().post('/activities').set(bearer(token)).send({ ...base, title }).expect(400);
    const named = await http().post('/activities').set(bearer(token)).send({ ...base, title: '集中\ud800学习' }).expect(400);
    expect(named.body).toMatchObject({ code: 'bad-request', details: ['title must not contain a lone UTF-16 surrogate'] });
    expect((await http().get(`/campaigns/${campaignId}`).set(bearer(token)).expect(200)).body).toEqual(before);
    const document = (await http().get('/docs/openapi.json').expect(200)).body;
    expect(document.components.schemas.LaunchCampaignDto.properties.name).toMatchObject({ maxLength: 200, minLength: 1 });
    expect(document.components.schemas.LaunchCampaignDto.required).toContain('name');
  });

  it('runs the plan workflow: draft, submit to the parent, return with a comment, resubmit, approve', async () => {
    const commerceAdmin = await unitAdmin(district, demo.commerce);
    const rootAdmin = await unitAdmin(district, demo.root);
    const { body: plan } = await http()
      .post('/plans')
      .set(bearer(commerceAdmin))
      .send({ campaignId, unitId: demo.commerce, theme: '提升三服务，实现三满意', carriers: ['亮牌示范'], institutions: { weeklyCollectiveStudy: false } })
      .expect(201);
    // A draft shows names beside ids and none of the service's bookkeeping (its outbox).
    expect(plan).toMatchObject({ status: 'draft', unitName: '区商业事务管理处', parentUnitName: '区委' });
    expect(Object.keys(plan).filter((key) => key.startsWith('_') && key !== '_id')).toEqual([]);
    const { body: ownPlan } = await http().get(`/units/${demo.commerce}/plan`).query({ campaignId }).set(bearer(commerceAdmin)).expect(200);
    expect(ownPlan).toMatchObject({ _id: plan._id, status: 'draft' });
    await http().get(`/units/${demo.cppcc}/plan`).query({ campaignId }).set(bearer(rootAdmin)).expect(404);
    await http().get(`/units/${demo.root}/plan`).query({ campaignId }).set(bearer(commerceAdmin)).expect(403);
    await http().get(`/units/${demo.commerce}/plan`).query({ campaignId }).set(bearer(await admin(`d-${randomUUID()}`))).expect(404);
    await http().post(`/plans/${plan._id}/submit`).set(bearer(commerceAdmin)).expect(201);
    await http().post(`/plans/${plan._id}/approve`).set(bearer(commerceAdmin)).expect(403);
    await http().post(`/plans/${plan._id}/return`).set(bearer(rootAdmin)).send({}).expect(400);
    const returnedAt = Date.now();
    const returned = await http().post(`/plans/${plan._id}/return`).set(bearer(rootAdmin)).send({ comment: '请补充学习记录本制度' }).expect(201);
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '请补充学习记录本制度' });
    // Due back a week on (the end of that day in the campaign's zone), not by the plan deadline that has passed.
    const resubmitBy = new Date(returned.body.resubmitBy).getTime();
    expect(resubmitBy).toBeGreaterThan(returnedAt + 7 * DAY - DAY);
    expect(resubmitBy).toBeLessThanOrEqual(returnedAt + 8 * DAY);
    await http().patch(`/plans/${plan._id}`).set(bearer(commerceAdmin)).send({ institutions: { weeklyCollectiveStudy: false, studyRules: '每人一本学习记录本' } }).expect(200);
    await http().post(`/plans/${plan._id}/submit`).set(bearer(commerceAdmin)).expect(201);
    const approved = await http().post(`/plans/${plan._id}/approve`).set(bearer(rootAdmin)).expect(201);
    expect(approved.body.status).toBe('approved');

    const { body: overdue } = await http().get(`/units/${demo.root}/plans/overdue`).query({ campaignId }).set(bearer(rootAdmin)).expect(200);
    expect(overdue.map((c: { unitName: string; status: string }) => [c.unitName, c.status])).toEqual(
      expect.arrayContaining([
        ['区政协', 'missing'],
        ['区教育局', 'missing'],
      ]),
    );
    expect(overdue.find((c: { unitId: string }) => c.unitId === demo.commerce)).toBeUndefined();
    await eventually(async () => {
      const approvedEvents = await org.published<{ planId: string; onTime: boolean }>('activity.plan.approved.v1', district);
      expect(approvedEvents.map((e) => [e.payload.planId, e.payload.onTime])).toEqual([[plan._id, false]]);
      const returnedEvents = await org.published<{ planId: string; resubmitBy: string }>('activity.plan.returned.v1', district);
      expect(returnedEvents.map((e) => [e.payload.planId, e.payload.resubmitBy])).toEqual([[plan._id, returned.body.resubmitBy]]);
      expect(await org.published('activity.plan.submitted.v1', district)).toHaveLength(2);
    });
  });

  it('runs a submission through submitted, returned, resubmitted and accepted', async () => {
    const author = demo.commerceMembers[0];
    const authorToken = await memberToken(district, author);
    const reviewer = await unitAdmin(district, demo.commerce);
    const { body: submission } = await http()
      .post('/submissions')
      .set(bearer(authorToken))
      .send({ campaignId, kind: 'research-report', year: 2026, title: '商业服务调研', content: '调研报告正文' })
      .expect(201);
    expect(submission).toMatchObject({ status: 'submitted', attempt: 1, memberUnitId: demo.commerce });
    await http().post('/submissions').set(bearer(authorToken)).send({ campaignId, kind: 'research-report', year: 2026, title: 'x', content: 'y' }).expect(409);
    const missingComment = await http().post(`/submissions/${submission._id}/review`).set(bearer(reviewer)).send({ outcome: 'returned' }).expect(400);
    expect(missingComment.body).toMatchObject({ code: 'validation-failed', details: expect.arrayContaining([expect.objectContaining({ field: 'comment', constraint: 'isNotEmpty' })]) });
    await http().post(`/submissions/${submission._id}/review`).set(bearer(reviewer)).send({ outcome: 'returned', comment: '请补充数据' }).expect(201);
    const resubmitted = await http().post(`/submissions/${submission._id}/resubmit`).set(bearer(authorToken)).send({ content: '补充后的正文' }).expect(201);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', attempt: 2 });
    const accepted = await http().post(`/submissions/${submission._id}/review`).set(bearer(reviewer)).send({ outcome: 'accepted' }).expect(201);
    expect(accepted.body.status).toBe('accepted');
    await http().get(`/submissions/${submission._id}`).set(bearer(await memberToken(district, demo.commerceMembers[1]))).expect(403);
    await eventually(async () => {
      const submitted = await org.published<{ attempt: number }>('activity.submission.submitted.v1', district);
      expect(submitted.map((e) => e.payload.attempt).sort()).toEqual([1, 2]);
      const reviewed = await org.published<{ outcome: string }>('activity.submission.reviewed.v1', district);
      expect(reviewed.map((e) => e.payload.outcome)).toEqual(['returned', 'accepted']);
    });
  });

  it('derives obligations, moves them to at-risk, missed and met, and announces each change once', async () => {
    const token = await admin(district);
    await http().post('/obligations/evaluate').set(bearer(token)).expect(204);
    await http().post('/obligations/evaluate').set(bearer(token)).expect(204);

    const cppccAdmin = await unitAdmin(district, demo.cppcc);
    const { body: cppccView } = await http().get(`/units/${demo.cppcc}/obligations`).query({ campaignId }).set(bearer(cppccAdmin)).expect(200);
    const planObligation = cppccView.find((o: { kind: string; unitId: string }) => o.kind === 'plan' && o.unitId === demo.cppcc);
    expect(planObligation).toMatchObject({ status: 'missed' });
    const reflection = cppccView.find((o: { kind: string; memberId: string }) => o.kind === 'reflection' && o.memberId === demo.cppccMember);
    expect(reflection).toMatchObject({ status: 'at-risk', periodKey: String(new Date().getUTCFullYear()) });
    expect(cppccView.some((o: { kind: string; unitId: string }) => o.kind === 'weekly-collective-study' && o.unitId === demo.cppccBranch)).toBe(true);

    const { body: commerceView } = await http().get(`/members/${demo.commerceMembers[0]}/obligations`).query({ campaignId, kind: 'research-report' }).set(bearer(token)).expect(200);
    expect(commerceView).toEqual([expect.objectContaining({ status: 'met' })]);

    const author = await memberToken(district, demo.cppccMember);
    const { body: submission } = await http()
      .post('/submissions')
      .set(bearer(author))
      .send({ campaignId, kind: 'reflection', year: new Date().getUTCFullYear(), title: '心得体会', content: '学习心得' })
      .expect(201);
    await http().post(`/submissions/${submission._id}/review`).set(bearer(cppccAdmin)).send({ outcome: 'accepted' }).expect(201);
    const { body: mine } = await http().get(`/members/${demo.cppccMember}/obligations`).query({ campaignId, kind: 'reflection' }).set(bearer(author)).expect(200);
    expect(mine).toEqual([expect.objectContaining({ _id: reflection._id, status: 'met' })]);
    await http().post('/obligations/evaluate').set(bearer(token)).expect(204);

    await eventually(
      async () => {
        expect(await obligationEvents('activity.obligation.missed.v1', planObligation._id)).toHaveLength(1);
        expect(await obligationEvents('activity.obligation.at-risk.v1', reflection._id)).toHaveLength(1);
        expect(await obligationEvents('activity.obligation.met.v1', reflection._id)).toHaveLength(1);
      },
      { timeoutMs: 20_000, intervalMs: 1_000 },
    );
  });

  it('counts a held collective study of the branch towards its weekly obligation', async () => {
    const branchAdmin = await unitAdmin(district, demo.cppccBranch);
    const studyId = await scheduleActivity(district, {
      campaignId,
      kind: 'collective-study',
      title: '区政协每周集中学习',
      organiserUnitId: demo.cppccBranch,
      startsAt: new Date().toISOString(),
    });
    const { body: before } = await http().get(`/units/${demo.cppccBranch}/weekly-study/absentees`).set(bearer(branchAdmin)).expect(200);
    expect(before.absentees).toEqual([{ memberId: demo.cppccMember, name: '政协干部' }]);
    await http().put(`/activities/${studyId}/attendance/${demo.cppccMember}`).set(bearer(branchAdmin)).send({ status: 'present' }).expect(200);
    await http().post(`/activities/${studyId}/hold`).set(bearer(branchAdmin)).send({ minutes: '学习了会议精神' }).expect(201);
    const { body: after } = await http().get(`/units/${demo.cppccBranch}/weekly-study/absentees`).set(bearer(branchAdmin)).expect(200);
    expect(after.absentees).toEqual([]);
    const { body: weekly } = await http().get(`/units/${demo.cppccBranch}/obligations`).query({ campaignId, kind: 'weekly-collective-study' }).set(bearer(branchAdmin)).expect(200);
    expect(weekly).toEqual([expect.objectContaining({ status: 'met' })]);
  });

  it("refuses other scopes: another unit's admin and another district", async () => {
    await http().get(`/units/${demo.cppcc}/obligations`).set(bearer(await unitAdmin(district, demo.commerce))).expect(403);
    await http().get(`/units/${demo.cppcc}/obligations`).set(bearer(await admin(`d-${randomUUID()}`))).expect(404);
    await http().get(`/members/${demo.cppccMember}/obligations`).set(bearer(await memberToken(district, demo.commerceMembers[0]))).expect(403);
  });
});

memberStudyCases();
reviewQueueCases();
accessRulesCases();

authorizationMatrixCases('activity-records', AUTHORIZATION_TABLE['activity-records'], () => app);

apiFuzzCases('activity-records', () => app, { prepare: async (district) => [await launchCampaign(district, new Date(Date.now() + 30 * DAY))] });

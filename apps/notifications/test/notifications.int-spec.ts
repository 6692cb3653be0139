import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import request from 'supertest';
import {
  ActivityCancelled,
  ActivityScheduled,
  AppraisalFinalised,
  EventEnvelope,
  MemberEnrolled,
  MemberUpdated,
  ObligationAtRisk,
  ObligationMet,
  ObligationMissed,
  PayloadOf,
  PlanReturned,
  RankingPublished,
  SubmissionSubmitted,
  UnitCreated,
  UnitMoved,
  UnitSnapshot,
} from '@campaign/contracts';
import { apiFuzzCases, AUTHORIZATION_TABLE, authorizationMatrixCases, consumerBacklogs, eventually, uniqueDatabase } from '@campaign/testing';
import { ORG_MEMBER } from '@campaign/org-read-model';
import { verifyWebhookSignature } from '../src/deliveries/channels/signature';
import { DELIVERY, Delivery } from '../src/deliveries/delivery.schema';
import { DeliveryWorker } from '../src/deliveries/delivery-worker.service';
import { DigestService } from '../src/digests/digest.service';
import { DirectoryMember } from '../src/directory/member.schema';
import { NOTIFICATION, Notification } from '../src/notifications/notification.schema';
import { SCHEDULED_REMINDER, ScheduledReminder } from '../src/reminders/reminder.schema';
import { RemindersService } from '../src/reminders/reminders.service';
import { WorkerIdentity } from '../src/scheduler/worker-identity';
import { ClaimTokenPruner } from '../src/store/claim-token-pruner';
import { BUREAU, EventFeed, mailOf, memberSnapshot, model, ROOT, seedOrganisation, setNow, SCHOOL, startNotifications, tokenFor } from './harness';
import { TestMailServer, TestWebhookReceiver } from './mail-and-webhook-servers';

// One file on purpose: replicas share the durable consumer "notifications", so apps on different databases
// running at the same time would split each other's events. Every app here uses the same database.
const database = uniqueDatabase('notifications');
const mail = new TestMailServer();
const receiver = new TestWebhookReceiver();
const running: INestApplication[] = [];
let feed: EventFeed;
let app: INestApplication;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const newDistrict = () => `d-${randomUUID().slice(0, 8)}`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function start(): Promise<INestApplication> {
  const started = await startNotifications(database, { SMTP_URL: mail.url });
  running.push(started);
  return started;
}

async function stop(instance: INestApplication): Promise<void> {
  await instance.close();
  running.splice(running.indexOf(instance), 1);
}

/**
 * Resolves once every running replica has made a pass of its reminders, digests and deliveries begun after the call
 * (each after the one in progress): whatever was due to be sent by then is sent, so what was not sent never will be.
 */
async function schedulersPassed(): Promise<void> {
  await Promise.all(
    running.map(async (instance) => {
      await instance.get(RemindersService).passNow();
      await instance.get(DigestService).passNow();
      await instance.get(DeliveryWorker).passNow();
    }),
  );
}

function obligation(overrides: Partial<PayloadOf<typeof ObligationAtRisk>> = {}): Omit<PayloadOf<typeof ObligationAtRisk>, 'status'> {
  return {
    obligationId: `o-${randomUUID().slice(0, 8)}`,
    campaignId: 'c-2026',
    kind: 'reflection',
    memberId: 'm-teacher',
    unitId: SCHOOL,
    dueAt: new Date(Date.now() + 5 * DAY).toISOString(),
    periodKey: '2026',
    description: '2026年度心得体会',
    ...overrides,
  };
}

function activity(overrides: Partial<PayloadOf<typeof ActivityScheduled>> = {}): PayloadOf<typeof ActivityScheduled> {
  return {
    activityId: `a-${randomUUID().slice(0, 8)}`,
    campaignId: 'c-2026',
    organiserUnitId: SCHOOL,
    kind: 'collective-study',
    carrierId: null,
    title: '党性教育集中学习',
    startsAt: new Date(Date.now() + 3 * DAY).toISOString(),
    place: '区政协三楼会议室',
    invitedUnitIds: [],
    ...overrides,
  };
}

function planReturned(): PayloadOf<typeof PlanReturned> {
  return {
    planId: `p-${randomUUID().slice(0, 8)}`,
    campaignId: 'c-2026',
    unitId: SCHOOL,
    parentUnitId: BUREAU,
    dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
    returnedAt: new Date().toISOString(),
    comment: '目标不够具体',
  };
}

beforeAll(async () => {
  await Promise.all([mail.start(), receiver.start()]);
  feed = await EventFeed.connect();
  app = await start();
});

afterEach(() => jest.restoreAllMocks());

afterAll(async () => {
  for (const instance of [...running]) await stop(instance);
  await feed?.close();
  await Promise.all([mail.stop(), receiver.stop()]);
});

describe('rules and templates', () => {
  const district = newDistrict();
  const rule = {
    ruleId: 'study-missed-to-secretary',
    trigger: 'obligation-missed',
    audience: 'member-and-secretary',
    templates: {
      'zh-CN': { subject: '逾期：{{description}}', body: '{{recipientName}}同志：{{memberName}}的{{description}}已逾期' },
      en: { subject: 'Missed: {{description}}', body: 'Dear {{recipientName}}, {{description}} of {{memberName}} is overdue' },
    },
  };

  it('seeds the defaults on first use, validates templates on save, and keeps districts apart', async () => {
    const admin = bearer(await tokenFor(district, ['district-admin']));
    const seeded = await request(app.getHttpServer()).get('/rules').set(admin).expect(200);
    expect(seeded.body.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(
      ['activity-notice', 'appraisal-result', 'obligation-due', 'obligation-missed', 'plan-returned', 'ranking-published'],
    );

    const unknownVariable = { ...rule, templates: { ...rule.templates, en: { ...rule.templates.en, body: 'score {{score}}' } } };
    const refused = await request(app.getHttpServer()).post('/rules').set(admin).send(unknownVariable).expect(400);
    expect(refused.body).toMatchObject({ code: 'rule.invalid', field: 'templates.en.body', details: [expect.objectContaining({ code: 'rule.problem.unknown-variable' })] });
    expect(refused.body.message).toMatch(/^通知规则有误：templates\.en\.body: 未知变量 \{\{score\}\}/);
    const inEnglish = await request(app.getHttpServer()).post('/rules').set(admin).set('Accept-Language', 'en').send(unknownVariable).expect(400);
    expect(inEnglish.body.message).toMatch(/^Invalid notification rule: templates\.en\.body: unknown variable \{\{score\}\}/);
    const noEnglish = await request(app.getHttpServer()).post('/rules').set(admin).send({ ...rule, templates: { 'zh-CN': rule.templates['zh-CN'] } }).expect(400);
    expect(noEnglish.body).toMatchObject({ code: 'request.invalid', message: expect.stringMatching(/templates\.en/) });
    const wrongAudience = await request(app.getHttpServer()).post('/rules').set(admin).send({ ...rule, audience: 'invited-members' }).expect(400);
    expect(wrongAudience.body).toMatchObject({ code: 'rule.invalid', field: 'audience' });
    const hiddenSubject = { ...rule, templates: { ...rule.templates, en: { ...rule.templates.en, subject: 'Missed\u202E: {{description}}' } } };
    expect((await request(app.getHttpServer()).post('/rules').set(admin).send(hiddenSubject).expect(400)).body.message).toMatch(/templates\.en\.subject/);
    const nulBody = { ...rule, templates: { ...rule.templates, en: { ...rule.templates.en, body: 'Dear\u0000 {{recipientName}}' } } };
    await request(app.getHttpServer()).post('/rules').set(admin).send(nulBody).expect(400);

    await request(app.getHttpServer()).post('/rules').set(admin).send(rule).expect(201);
    await request(app.getHttpServer()).post('/rules').set(admin).send(rule).expect(409);
    const { ruleId: _ruleId, ...body } = rule;
    const disabled = await request(app.getHttpServer()).put(`/rules/${rule.ruleId}`).set(admin).send({ ...body, enabled: false }).expect(200);
    expect(disabled.body.enabled).toBe(false);

    const otherAdmin = bearer(await tokenFor(newDistrict(), ['district-admin']));
    await request(app.getHttpServer()).get(`/rules/${rule.ruleId}`).set(otherAdmin).expect(404);
    await request(app.getHttpServer()).delete(`/rules/${rule.ruleId}`).set(otherAdmin).expect(404);
    const member = bearer(await tokenFor(district, ['member'], 'm-teacher'));
    await request(app.getHttpServer()).get('/rules').set(member).expect(403);

    await request(app.getHttpServer()).delete(`/rules/${rule.ruleId}`).set(admin).expect(204);
    await request(app.getHttpServer()).get(`/rules/${rule.ruleId}`).set(admin).expect(404);
    const afterDelete = await request(app.getHttpServer()).get('/rules').set(admin).expect(200);
    expect(afterDelete.body).toHaveLength(6);
  });
});

describe('the local directory of members and units', () => {
  const district = newDistrict();

  beforeAll(() => seedOrganisation(feed, app, district));

  it('applies only newer revisions, so late and repeated org events change nothing', async () => {
    const directory = model<DirectoryMember>(app, ORG_MEMBER);
    const moved = memberSnapshot(district, 'm-teacher', '王芳', [ROOT, BUREAU], [], 3);
    const update = await feed.emit(MemberUpdated, { member: moved }, district);
    await eventually(async () => expect((await directory.findOne({ district, memberId: 'm-teacher' }).lean<DirectoryMember>())?.revision).toBe(3));
    const stale = await feed.emit(MemberEnrolled, { member: memberSnapshot(district, 'm-teacher', '王芳', [ROOT, BUREAU, SCHOOL], [], 1) }, district);
    await feed.publish(update, `${update.eventId}-again`);
    const processed = app.get<Connection>(getConnectionToken()).collection('processed_events');
    await eventually(async () => expect(await processed.countDocuments({ eventId: stale.eventId, status: 'done' })).toBe(1));
    // The republished copy too: the consumer has nothing left to deliver or to be acked.
    await eventually(async () => {
      const backlogs = (await consumerBacklogs(process.env.TEST_NATS_URL as string)).filter((backlog) => backlog.consumer.startsWith('notifications'));
      expect(backlogs.map((backlog) => backlog.pending + backlog.ackPending)).toEqual(backlogs.map(() => 0));
    });
    expect(await directory.findOne({ district, memberId: 'm-teacher' }).lean<DirectoryMember>()).toMatchObject({ unitId: BUREAU, revision: 3 });
  });

  it('moves members with their unit, so invitations follow the new tree', async () => {
    const newRoot = 'u-town';
    await feed.emit(
      UnitMoved,
      {
        unit: { unitId: SCHOOL, name: '城北小学党支部', kind: 'party-branch', parentId: newRoot, path: [ROOT, newRoot, SCHOOL], systemIds: [], status: 'active', revision: 2 },
        previousParentId: BUREAU,
        previousPath: [ROOT, BUREAU, SCHOOL],
      },
      district,
    );
    const directory = model<DirectoryMember>(app, ORG_MEMBER);
    await eventually(async () => {
      const secretary = await directory.findOne({ district, memberId: 'm-secretary' }).lean<DirectoryMember>();
      expect(secretary?.unitPath).toEqual([ROOT, newRoot, SCHOOL]);
    });
    const { eventId } = await feed.emit(ActivityScheduled, activity({ organiserUnitId: 'u-school-2', invitedUnitIds: [newRoot] }), district);
    await eventually(async () => {
      const made = await model<Notification>(app, NOTIFICATION).find({ district, sourceEventId: eventId }).lean<Notification[]>();
      expect(made.map((n) => n.recipientMemberId)).toEqual(['m-secretary']);
    });
  });
});

describe('an activity scheduled', () => {
  const district = newDistrict();
  let eventId: string;
  let activityId: string;
  let scheduled: EventEnvelope<PayloadOf<typeof ActivityScheduled>>;

  beforeAll(() => seedOrganisation(feed, app, district));

  it('notifies exactly the organiser’s and invited units’ members, in the inbox and by email with the district template', async () => {
    const payload = activity();
    activityId = payload.activityId;
    scheduled = await feed.emit(ActivityScheduled, payload, district);
    eventId = scheduled.eventId;
    const notifications = model<Notification>(app, NOTIFICATION);
    await eventually(async () => {
      const made = await notifications.find({ district, sourceEventId: eventId }).lean<Notification[]>();
      expect(made.map((n) => n.recipientMemberId).sort()).toEqual(['m-secretary', 'm-teacher']);
    });
    const [email] = await eventually(async () => {
      const received = mail.to(mailOf(district, 'm-teacher'));
      expect(received).toHaveLength(1);
      return received;
    });
    expect(email.subject).toBe('活动通知：党性教育集中学习');
    expect(email.text).toContain('王芳同志：城北小学党支部将于');
    expect(email.text).toContain('在区政协三楼会议室举行“党性教育集中学习”');
    const reminders = await model<ScheduledReminder>(app, SCHEDULED_REMINDER).find({ district, sourceEventId: eventId }).lean<ScheduledReminder[]>();
    expect(reminders.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(reminders[0].dueAt.getTime()).toBe(new Date(payload.startsAt).getTime() - DAY);
  });

  it('lets a member list, count and mark only their own inbox; another district sees nothing', async () => {
    const teacher = bearer(await tokenFor(district, ['member'], 'm-teacher'));
    const inbox = await request(app.getHttpServer()).get('/me/inbox').set(teacher).expect(200);
    expect(inbox.body).toHaveLength(1);
    const { notificationId } = inbox.body[0];
    expect((await request(app.getHttpServer()).get('/me/inbox/unread-count').set(teacher).expect(200)).body).toEqual({ unread: 1 });

    const secretary = bearer(await tokenFor(district, ['member'], 'm-secretary'));
    const others = await request(app.getHttpServer()).post(`/me/inbox/${notificationId}/read`).set(secretary).expect(403);
    expect(others.body).toMatchObject({ code: 'notification.not-yours' });
    await request(app.getHttpServer()).post(`/me/inbox/${randomUUID()}/read`).set(teacher).expect(404);
    const sameMemberIdElsewhere = bearer(await tokenFor(newDistrict(), ['member'], 'm-teacher'));
    expect((await request(app.getHttpServer()).get('/me/inbox').set(sameMemberIdElsewhere).expect(200)).body).toEqual([]);
    await request(app.getHttpServer()).post(`/me/inbox/${notificationId}/read`).set(sameMemberIdElsewhere).expect(404);

    const read = await request(app.getHttpServer()).post(`/me/inbox/${notificationId}/read`).set(teacher).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await request(app.getHttpServer()).get('/me/inbox/unread-count').set(teacher).expect(200)).body).toEqual({ unread: 0 });
    expect((await request(app.getHttpServer()).get('/me/inbox?unread=true').set(teacher).expect(200)).body).toEqual([]);
    await request(app.getHttpServer()).get('/me/inbox?limit=0').set(teacher).expect(400);
    const operator = bearer(await tokenFor(district, ['operator']));
    await request(app.getHttpServer()).get('/me/inbox').set(operator).expect(403);
  });

  it('creates no second notification when the event is redelivered, even after the inbox record was lost', async () => {
    await feed.publish(scheduled, `${eventId}-redelivered`);
    // Simulate a crash between the handler's writes and its inbox record: the handler itself must be idempotent.
    const processed = app.get<Connection>(getConnectionToken()).collection('processed_events');
    await eventually(async () => expect(await processed.countDocuments({ eventId })).toBe(1));
    await processed.deleteMany({ eventId });
    await feed.publish(scheduled, `${eventId}-after-crash`);
    await eventually(async () => expect(await processed.countDocuments({ eventId })).toBe(1));

    expect(await model<Notification>(app, NOTIFICATION).countDocuments({ district, sourceEventId: eventId })).toBe(2);
    expect(await model<ScheduledReminder>(app, SCHEDULED_REMINDER).countDocuments({ district, sourceEventId: eventId })).toBe(2);
    await schedulersPassed();
    expect(mail.to(mailOf(district, 'm-teacher'))).toHaveLength(1);
  });

  it('cancels the activity reminders when the activity is cancelled', async () => {
    const payload = activity({ activityId });
    const { place: _place, invitedUnitIds: _invited, ...ref } = payload;
    await feed.emit(ActivityCancelled, { ...ref, reason: '改期', cancelledAt: new Date().toISOString() }, district);
    const reminders = model<ScheduledReminder>(app, SCHEDULED_REMINDER);
    await eventually(async () => {
      const statuses = (await reminders.find({ district, sourceEventId: eventId }).lean<ScheduledReminder[]>()).map((r) => r.status);
      expect(statuses).toEqual(['cancelled', 'cancelled']);
    });
  });

  it('neither notifies nor reminds of an activity entered after it began, such as a meeting recorded afterwards', async () => {
    const past = await feed.emit(ActivityScheduled, activity({ title: '上周支部学习', startsAt: new Date(Date.now() - DAY).toISOString() }), district);
    const processed = app.get<Connection>(getConnectionToken()).collection('processed_events');
    await eventually(async () => expect(await processed.countDocuments({ eventId: past.eventId })).toBe(1));

    expect(await model<Notification>(app, NOTIFICATION).countDocuments({ district, sourceEventId: past.eventId })).toBe(0);
    expect(await model<ScheduledReminder>(app, SCHEDULED_REMINDER).countDocuments({ district, sourceEventId: past.eventId })).toBe(0);
    await schedulersPassed();
    expect(mail.to(mailOf(district, 'm-teacher')).filter((email) => email.subject?.includes('上周支部学习'))).toHaveLength(0);
  });
});

describe('obligations', () => {
  const district = newDistrict();

  beforeAll(() => seedOrganisation(feed, app, district));

  it('turns an at-risk obligation into a notice now and reminders before the deadline, cancelled by the submission', async () => {
    const owed = obligation();
    const { eventId } = await feed.emit(ObligationAtRisk, { ...owed, status: 'at-risk' }, district);
    const reminders = model<ScheduledReminder>(app, SCHEDULED_REMINDER);
    await eventually(async () => expect(await reminders.countDocuments({ district, sourceEventId: eventId })).toBe(2));
    const scheduled = await reminders.find({ district, sourceEventId: eventId }).sort({ dueAt: 1 }).lean<ScheduledReminder[]>();
    const deadline = new Date(owed.dueAt).getTime();
    expect(scheduled.map((r) => r.dueAt.getTime())).toEqual([deadline - 3 * DAY, deadline - DAY]);
    expect(scheduled.every((r) => r.recipientMemberId === 'm-teacher' && r.dueAt.getTime() < deadline)).toBe(true);
    const notice = await model<Notification>(app, NOTIFICATION).find({ district, sourceEventId: eventId }).lean<Notification[]>();
    expect(notice.map((n) => [n.recipientMemberId, n.subject])).toEqual([['m-teacher', '待完成：2026年度心得体会']]);

    await feed.emit(
      SubmissionSubmitted,
      {
        submissionId: 's-1',
        campaignId: owed.campaignId,
        memberId: 'm-teacher',
        memberUnitId: SCHOOL,
        kind: 'reflection',
        year: 2026,
        dueAt: owed.dueAt,
        submittedAt: new Date().toISOString(),
        attempt: 1,
      },
      district,
    );
    await eventually(async () => {
      const statuses = (await reminders.find({ district, sourceEventId: eventId }).lean<ScheduledReminder[]>()).map((r) => r.status);
      expect(statuses).toEqual(['cancelled', 'cancelled']);
    });
  });

  it('tells the member and their branch secretary about a missed weekly study', async () => {
    const missed = obligation({ kind: 'weekly-collective-study', description: '第47周集中学习', dueAt: new Date(Date.now() - HOUR).toISOString(), periodKey: '2026-W47' });
    const { eventId } = await feed.emit(ObligationMissed, { ...missed, status: 'missed' }, district);
    const notifications = model<Notification>(app, NOTIFICATION);
    await eventually(async () => {
      const made = await notifications.find({ district, sourceEventId: eventId }).sort({ recipientMemberId: 1 }).lean<Notification[]>();
      expect(made.map((n) => n.recipientMemberId)).toEqual(['m-secretary', 'm-teacher']);
      expect(made[0].body).toBe('李强同志：王芳（城北小学党支部）的“第47周集中学习”已于' + made[0].body.split('已于')[1]);
      expect(made[0].subject).toBe('未按期完成：第47周集中学习');
    });
  });

  it('ignores a stale at-risk that arrives after the obligation was met', async () => {
    const owed = obligation({ kind: 'research-report', description: '调研报告' });
    const later = new Date();
    const earlier = new Date(later.getTime() - HOUR);
    const processed = app.get<Connection>(getConnectionToken()).collection('processed_events');
    const met = await feed.emit(ObligationMet, { ...owed, status: 'met', metAt: later.toISOString() }, district, { occurredAt: later });
    // Arrives after: handled side by side in one fetch, the two would be the ordinary at-risk-then-met case.
    await eventually(async () => expect(await processed.countDocuments({ eventId: met.eventId, status: 'done' })).toBe(1));
    const stale = await feed.emit(ObligationAtRisk, { ...owed, status: 'at-risk' }, district, { occurredAt: earlier });
    await eventually(async () => expect(await processed.countDocuments({ eventId: stale.eventId, status: 'done' })).toBe(1));
    // The republished copy too: the consumer has nothing left to deliver or to be acked.
    await eventually(async () => {
      const backlogs = (await consumerBacklogs(process.env.TEST_NATS_URL as string)).filter((backlog) => backlog.consumer.startsWith('notifications'));
      expect(backlogs.map((backlog) => backlog.pending + backlog.ackPending)).toEqual(backlogs.map(() => 0));
    });
    expect(await model<Notification>(app, NOTIFICATION).countDocuments({ district, sourceEventId: stale.eventId })).toBe(0);
    expect(await model<ScheduledReminder>(app, SCHEDULED_REMINDER).countDocuments({ district, sourceEventId: stale.eventId })).toBe(0);
  });
});

describe('results from assessment-scoring', () => {
  const district = newDistrict();

  beforeAll(() => seedOrganisation(feed, app, district));

  it('tells each ranked unit admins their own rank, and each appraised member or unit admin their rating', async () => {
    const ranking = await feed.emit(
      RankingPublished,
      {
        rankingId: 'r-1',
        campaignId: 'c-2026',
        scope: 'district',
        scopeId: null,
        subjectType: 'unit',
        period: '2026年第四季度',
        publishedAt: new Date().toISOString(),
        entries: [
          { subjectId: BUREAU, rank: 1, points: 95 },
          { subjectId: SCHOOL, rank: 2, points: 88.5 },
        ],
      },
      district,
    );
    const notifications = model<Notification>(app, NOTIFICATION);
    await eventually(async () => {
      const made = await notifications.find({ district, sourceEventId: ranking.eventId }).lean<Notification[]>();
      expect(made.map((n) => [n.recipientMemberId, n.body])).toEqual([['m-secretary', '李强同志：2026年第四季度排名已发布，城北小学党支部名列第2名，得分88.5。']]);
    });

    const appraisal = await feed.emit(
      AppraisalFinalised,
      {
        campaignId: 'c-2026',
        finalisedAt: new Date().toISOString(),
        results: [
          { subjectType: 'member', subjectId: 'm-teacher', unitId: SCHOOL, rating: 'excellent', honour: 'excellent-member' },
          { subjectType: 'unit', subjectId: SCHOOL, unitId: SCHOOL, rating: 'good', honour: null },
        ],
      },
      district,
    );
    await eventually(async () => {
      const made = await notifications.find({ district, sourceEventId: appraisal.eventId }).sort({ recipientMemberId: 1 }).lean<Notification[]>();
      expect(made.map((n) => [n.recipientMemberId, n.subject])).toEqual([
        ['m-secretary', '评比结果：城北小学党支部'],
        ['m-teacher', '评比结果：王芳'],
      ]);
      expect(made[1].body).toBe('王芳同志：王芳的评比结果为“优秀”，荣获“优秀党员”称号。');
    });
  });
});

describe('the right recipients: audiences from explicit roles, never from post titles', () => {
  const district = newDistrict();
  const TOWN = 'u-yingkou';
  const BRANCH = 'u-yingkou-branch';
  const ordinary = ['m-party-1', 'm-party-2', 'm-party-3', 'm-party-4'];

  beforeAll(async () => {
    const units: UnitSnapshot[] = [
      { unitId: ROOT, name: '区委', kind: 'district-committee', parentId: null, path: [ROOT], systemIds: [], status: 'active', revision: 1 },
      { unitId: TOWN, name: '盈口乡', kind: 'township', parentId: ROOT, path: [ROOT, TOWN], systemIds: [], status: 'active', revision: 1 },
      { unitId: BRANCH, name: '盈口乡机关党支部', kind: 'party-branch', parentId: TOWN, path: [ROOT, TOWN, BRANCH], systemIds: [], status: 'active', revision: 1 },
    ];
    for (const unit of units) await feed.emit(UnitCreated, { unit }, district);
    const members = [
      memberSnapshot(district, 'm-branch-secretary', '刘洋', [ROOT, TOWN, BRANCH], ['支部书记'], 1, [{ role: 'secretary', unitId: BRANCH }]),
      memberSnapshot(district, 'm-organiser', '周杰', [ROOT, TOWN], ['组织委员'], 1, [{ role: 'organiser', unitId: TOWN }, { role: 'unit-admin', unitId: TOWN }]),
      // The English word as a post title gives no role: org-registry's post dictionary knows Chinese titles.
      memberSnapshot(district, 'm-english-title', 'Li Lei', [ROOT, TOWN, BRANCH], ['secretary']),
      ...ordinary.map((memberId, i) => memberSnapshot(district, memberId, `党员${i + 1}`, [ROOT, TOWN, BRANCH], ['党员'])),
    ];
    for (const member of members) await feed.emit(MemberEnrolled, { member }, district);
    await eventually(async () => expect(await model<DirectoryMember>(app, ORG_MEMBER).countDocuments({ district })).toBe(members.length));
    const organiser = bearer(await tokenFor(district, ['member'], 'm-organiser'));
    await request(app.getHttpServer()).put('/me/preferences').set(organiser).send({ locale: 'en' }).expect(200);
  });

  it('sends a unit ranking to the unit admins it names, and not to ordinary 党员', async () => {
    const ranking = await feed.emit(
      RankingPublished,
      {
        rankingId: 'r-units',
        campaignId: 'c-2026',
        scope: 'district',
        scopeId: null,
        subjectType: 'unit',
        period: 'campaign',
        publishedAt: new Date().toISOString(),
        entries: [
          { subjectId: TOWN, rank: 1, points: 120 },
          { subjectId: BRANCH, rank: 2, points: 96 },
        ],
      },
      district,
    );
    const processed = app.get<Connection>(getConnectionToken()).collection('processed_events');
    await eventually(async () => expect(await processed.countDocuments({ eventId: ranking.eventId, status: 'done' })).toBe(1));
    const made = await model<Notification>(app, NOTIFICATION).find({ district, sourceEventId: ranking.eventId }).lean<Notification[]>();
    expect(made.map((n) => [n.recipientMemberId, n.subject, n.body])).toEqual([
      ['m-organiser', 'Ranking published: the whole campaign', 'Dear 周杰, the ranking for the whole campaign is out: 盈口乡 is number 1 with 120 points.'],
    ]);
    await eventually(async () => expect(mail.to(mailOf(district, 'm-organiser'))).toHaveLength(1));
    for (const memberId of [...ordinary, 'm-english-title', 'm-branch-secretary']) expect(mail.to(mailOf(district, memberId))).toHaveLength(0);
  });

  it('tells the branch’s 支部书记 of its missed plan, and nobody by the English post title', async () => {
    const description = { 'zh-CN': '盈口乡机关党支部创先争优活动实施方案', en: 'implementation plan of 盈口乡机关党支部' };
    const missed = await feed.emit(
      ObligationMissed,
      {
        ...obligation({ kind: 'plan', memberId: null, unitId: BRANCH, periodKey: 'plan', description: description['zh-CN'], dueAt: new Date(Date.now() - DAY).toISOString() }),
        descriptions: description,
        status: 'missed',
      },
      district,
    );
    const notifications = model<Notification>(app, NOTIFICATION);
    await eventually(async () => expect(await notifications.countDocuments({ district, sourceEventId: missed.eventId })).toBe(1));
    const [notice] = await notifications.find({ district, sourceEventId: missed.eventId }).lean<Notification[]>();
    expect(notice).toMatchObject({ recipientMemberId: 'm-branch-secretary', ruleId: 'obligation-missed', subject: '未按期完成：盈口乡机关党支部创先争优活动实施方案' });

    const admin = bearer(await tokenFor(district, ['district-admin']));
    const listed = await eventually(async () => {
      const response = await request(app.getHttpServer()).get(`/notifications?sourceEventId=${missed.eventId}`).set(admin).expect(200);
      expect(response.body.items[0].channels).toContainEqual(expect.objectContaining({ channel: 'email', status: 'sent' }));
      return response.body;
    });
    expect(listed).toMatchObject({
      total: 1,
      items: [{ ruleId: 'obligation-missed', recipient: { memberId: 'm-branch-secretary', name: '刘洋', unitId: BRANCH, unitName: '盈口乡机关党支部' } }],
    });
    expect(listed.items[0].channels[0]).toEqual({ channel: 'inbox', status: 'delivered', label: '已送达站内信箱' });
    expect(mail.to(mailOf(district, 'm-english-title'))).toHaveLength(0);

    const member = bearer(await tokenFor(district, ['member'], ordinary[0]));
    expect((await request(app.getHttpServer()).get('/notifications').set(member).expect(200)).body).toEqual({ items: [], total: 0 });
    await request(app.getHttpServer()).get(`/notifications?recipientMemberId=m-branch-secretary`).set(member).expect(403);
    expect((await request(app.getHttpServer()).get(`/notifications/${notice.notificationId}`).set(member).expect(403)).body).toMatchObject({ code: 'notification.not-yours' });
    await request(app.getHttpServer()).get(`/notifications/${randomUUID()}`).set(member).expect(404);
    const secretary = bearer(await tokenFor(district, ['member'], 'm-branch-secretary'));
    expect((await request(app.getHttpServer()).get(`/notifications/${notice.notificationId}`).set(secretary).expect(200)).body.notificationId).toBe(notice.notificationId);
    await request(app.getHttpServer()).get(`/notifications/${notice.notificationId}`).set(bearer(await tokenFor(newDistrict(), ['district-admin']))).expect(404);
  });
});

describe('webhooks', () => {
  const district = newDistrict();
  const secret = 'district-webhook-secret-0001';
  const path = `/${district}/gateway`;

  beforeAll(async () => {
    await seedOrganisation(feed, app, district);
    const admin = bearer(await tokenFor(district, ['district-admin']));
    await request(app.getHttpServer()).put('/settings').set(admin).send({ webhookUrl: 'not a url' }).expect(400);
    await request(app.getHttpServer()).put('/settings').set(admin).send({ timeZone: 'Mars/Olympus' }).expect(400);
    const settings = await request(app.getHttpServer()).put('/settings').set(admin).send({ webhookUrl: receiver.url(path), webhookSecret: secret }).expect(200);
    expect(settings.body).toEqual({ timeZone: 'Asia/Shanghai', defaultLocale: 'zh-CN', webhookUrl: receiver.url(path), hasWebhookSecret: true });
    const secretary = bearer(await tokenFor(district, ['member'], 'm-secretary'));
    await request(app.getHttpServer()).put('/me/preferences').set(secretary).send({ channels: ['inbox', 'sms'] }).expect(400);
    await request(app.getHttpServer()).put('/me/preferences').set(secretary).send({ channels: ['inbox', 'webhook'] }).expect(200);
  });

  it('retries a failing gateway with back-off and delivers once, signed', async () => {
    receiver.script(path, [500, 503, 200]);
    const { eventId } = await feed.emit(PlanReturned, planReturned(), district);
    await eventually(async () => expect(receiver.callsTo(path).map((call) => call.answered)).toEqual([500, 503, 200]));
    for (const call of receiver.callsTo(path)) {
      const timestamp = String(call.headers['x-timestamp']);
      expect(verifyWebhookSignature(secret, timestamp, call.body, String(call.headers['x-signature']))).toBe(true);
    }
    const delivered = JSON.parse(receiver.callsTo(path)[2].body);
    expect(delivered).toMatchObject({ subject: '实施方案被退回：城北小学党支部', recipient: { memberId: 'm-secretary', name: '李强' } });
    const notification = (await model<Notification>(app, NOTIFICATION).findOne({ district, sourceEventId: eventId }).lean<Notification>())!;
    // The receiver records the call before the worker has read the answer and recorded the attempt.
    const delivery = await eventually(async () => {
      const found = await model<Delivery>(app, DELIVERY).findOne({ district, notificationId: notification.notificationId }).lean<Delivery>();
      expect(found).toMatchObject({ channel: 'webhook', status: 'sent', attemptCount: 3 });
      return found as Delivery;
    });
    expect(delivery.attempts.map((attempt) => attempt.ok)).toEqual([false, false, true]);
    expect(delivery.attempts[1].at.getTime() - delivery.attempts[0].at.getTime()).toBeGreaterThanOrEqual(100);
    await schedulersPassed();
    expect(receiver.callsTo(path).filter((call) => call.answered === 200)).toHaveLength(1);
  });

  it('dead-letters after the last attempt, announces it, and lets an operator list and replay it', async () => {
    receiver.script(path, [500, 500, 500]);
    const before = receiver.callsTo(path).length;
    await feed.emit(PlanReturned, planReturned(), district);
    const operator = bearer(await tokenFor(district, ['operator']));
    const failures = await eventually(async () => {
      const listed = await request(app.getHttpServer()).get('/failures').set(operator).expect(200);
      expect(listed.body).toHaveLength(1);
      return listed.body as { deliveryId: string; attemptCount: number; lastError: string; status: string }[];
    });
    expect(failures[0]).toMatchObject({ status: 'dead', attemptCount: 3, lastError: 'webhook answered 500', recipientName: '李强' });
    expect(failures[0]).not.toHaveProperty('attempts.0.by');
    const admin = bearer(await tokenFor(district, ['district-admin']));
    const notificationId = failures[0].deliveryId.split(':')[0];
    const dead = await request(app.getHttpServer()).get(`/notifications/${notificationId}`).set(admin).set('Accept-Language', 'en').expect(200);
    expect(dead.body).toMatchObject({ ruleId: 'plan-returned', recipient: { memberId: 'm-secretary', name: '李强', unitName: '城北小学党支部' } });
    expect(dead.body.channels).toContainEqual({ channel: 'webhook', status: 'dead', attempts: 3, reason: 'webhook answered 500', label: 'given up after 3 failed attempts: webhook answered 500' });
    expect(receiver.callsTo(path).length - before).toBe(3);
    await eventually(async () => {
      const announced = await feed.published('NOTIFICATIONS', 'notifications.delivery.failed.v1');
      const ours = announced.filter((event) => event.district === district);
      expect(ours).toHaveLength(1);
      expect(ours[0].payload).toMatchObject({ deliveryId: failures[0].deliveryId, channel: 'webhook', attempts: 3, recipientMemberId: 'm-secretary' });
    });

    const elsewhere = bearer(await tokenFor(newDistrict(), ['operator']));
    expect((await request(app.getHttpServer()).get('/failures').set(elsewhere).expect(200)).body).toEqual([]);
    await request(app.getHttpServer()).post(`/failures/${failures[0].deliveryId}/replay`).set(elsewhere).expect(404);
    const member = bearer(await tokenFor(district, ['member'], 'm-secretary'));
    await request(app.getHttpServer()).get('/failures').set(member).expect(403);

    await request(app.getHttpServer()).post(`/failures/${failures[0].deliveryId}/replay`).set(admin).expect(200);
    await eventually(async () => {
      const delivery = await model<Delivery>(app, DELIVERY).findOne({ district, deliveryId: failures[0].deliveryId }).lean<Delivery>();
      expect(delivery).toMatchObject({ status: 'sent', replays: 1 });
      expect(delivery?.attempts.map((attempt) => attempt.ok)).toEqual([false, false, false, true]);
    });
    expect((await request(app.getHttpServer()).get('/failures').set(operator).expect(200)).body).toEqual([]);
    const notDead = await request(app.getHttpServer()).post(`/failures/${failures[0].deliveryId}/replay`).set(admin).expect(409);
    expect(notDead.body).toMatchObject({ code: 'delivery.not-dead' });
  });
});

describe('quiet hours and digests', () => {
  it('holds an email during the member quiet hours and sends it when they end', async () => {
    const district = newDistrict();
    await seedOrganisation(feed, app, district);
    const teacher = bearer(await tokenFor(district, ['member'], 'm-teacher'));
    await request(app.getHttpServer()).put('/me/preferences').set(teacher).send({ quietHours: { start: '22:00', end: '7:00' } }).expect(400);
    await request(app.getHttpServer()).put('/me/preferences').set(teacher).send({ quietHours: { start: '22:00', end: '07:00' } }).expect(200);
    setNow(app, new Date('2026-12-01T15:00:00Z')); // 23:00 in Shanghai

    await feed.emit(ActivityScheduled, activity({ startsAt: '2026-12-03T01:00:00Z' }), district, { occurredAt: new Date('2026-12-01T15:00:00Z') });
    await eventually(async () => expect(mail.to(mailOf(district, 'm-secretary'))).toHaveLength(1));
    expect((await request(app.getHttpServer()).get('/me/inbox').set(teacher).expect(200)).body).toHaveLength(1);
    await schedulersPassed();
    expect(mail.to(mailOf(district, 'm-teacher'))).toHaveLength(0);
    const held = await model<Delivery>(app, DELIVERY).findOne({ district, recipientMemberId: 'm-teacher' }).lean<Delivery>();
    expect(held?.nextAttemptAt.toISOString()).toBe('2026-12-01T23:00:00.000Z');
    const admin = bearer(await tokenFor(district, ['district-admin']));
    const statusOf = async () => {
      const listed = await request(app.getHttpServer()).get('/notifications?recipientMemberId=m-teacher').set(admin).expect(200);
      expect(listed.body.items).toHaveLength(1);
      return listed.body.items[0].channels.find((channel: { channel: string }) => channel.channel === 'email');
    };
    expect(await statusOf()).toEqual({ channel: 'email', status: 'deferred', until: '2026-12-01T23:00:00.000Z', label: '免打扰时段，将于 2026-12-02 07:00 发送' });

    setNow(app, new Date('2026-12-01T23:01:00Z')); // 07:01
    await eventually(async () => expect(mail.to(mailOf(district, 'm-teacher'))).toHaveLength(1));
    await eventually(async () => expect(await statusOf()).toMatchObject({ channel: 'email', status: 'sent', attempts: 1 }));
  });

  it('sends one digest per recipient per period instead of single messages, by role', async () => {
    const district = newDistrict();
    await seedOrganisation(feed, app, district);
    // The clock moves first: on the real clock the digest hour may have passed, and a scheduler pass would send early.
    setNow(app, new Date('2026-12-02T22:00:00Z')); // 06:00 on 12-03 in Shanghai, before the digest hour
    for (const memberId of ['m-teacher', 'm-secretary', 'm-head']) {
      const token = bearer(await tokenFor(district, ['member'], memberId));
      await request(app.getHttpServer()).put('/me/preferences').set(token).send({ digest: 'daily', digestHour: 8 }).expect(200);
    }
    const dueAt = new Date('2026-12-05T02:00:00Z').toISOString();
    await feed.emit(ObligationAtRisk, { ...obligation({ dueAt }), status: 'at-risk' }, district);
    await feed.emit(ObligationAtRisk, { ...obligation({ dueAt, kind: 'research-report', description: '2026年度调研报告' }), status: 'at-risk' }, district);
    const lastWeek = new Date('2026-12-01T10:00:00Z').toISOString();
    await feed.emit(ObligationMissed, { ...obligation({ memberId: null, unitId: BUREAU, kind: 'weekly-collective-study', description: '第48周集中学习', dueAt: lastWeek }), status: 'missed' }, district);
    const notifications = model<Notification>(app, NOTIFICATION);
    await eventually(async () => expect(await notifications.countDocuments({ district, recipientMemberId: 'm-teacher', awaitingDigest: true })).toBe(2));
    await schedulersPassed();
    expect(mail.to(mailOf(district, 'm-teacher'))).toHaveLength(0);

    setNow(app, new Date('2026-12-03T00:05:00Z')); // 08:05
    await eventually(async () => {
      expect(mail.to(mailOf(district, 'm-teacher'))).toHaveLength(1);
      expect(mail.to(mailOf(district, 'm-secretary'))).toHaveLength(1);
      expect(mail.to(mailOf(district, 'm-head'))).toHaveLength(1);
    });
    await schedulersPassed();
    const [own] = mail.to(mailOf(district, 'm-teacher'));
    expect(own.subject).toBe('每日汇总 2026-12-03');
    expect(own.text).toContain('新消息 (2):');
    expect(own.text).toContain('您的待完成事项 (2):');
    expect(own.text).toContain('2026年度调研报告（截止 2026-12-05 10:00）');
    const [branch] = mail.to(mailOf(district, 'm-secretary'));
    expect(branch.text).toContain('本支部未完成事项 (2):');
    expect(branch.text).toContain('王芳：2026年度心得体会');
    const [weekly] = mail.to(mailOf(district, 'm-head'));
    expect(weekly.subject).toBe('每周完成情况 2026-W49');
    expect(weekly.text).toContain('区教育局：应完成 1，已完成 0，逾期 1');
    expect(mail.to(mailOf(district, 'm-teacher'))).toHaveLength(1);
    expect(await notifications.countDocuments({ district, recipientMemberId: 'm-teacher', kind: 'digest' })).toBe(1);
    expect(await notifications.countDocuments({ district, recipientMemberId: 'm-teacher', awaitingDigest: true })).toBe(0);
  });
});

describe('reminders across restarts and replicas', () => {
  const district = newDistrict();

  it('sends a reminder scheduled before a restart exactly once, taking over an expired claim', async () => {
    await seedOrganisation(feed, app, district);
    const dueAt = new Date(Date.now() + 2 * DAY);
    const { eventId } = await feed.emit(ObligationAtRisk, { ...obligation({ dueAt: dueAt.toISOString(), description: '重启前的心得体会' }), status: 'at-risk' }, district);
    const pending = await eventually(async () => {
      const found = await model<ScheduledReminder>(app, SCHEDULED_REMINDER).find({ district, sourceEventId: eventId }).lean<ScheduledReminder[]>();
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(pending.dueAt.getTime()).toBe(dueAt.getTime() - DAY);
    await stop(app);

    const restarted = await start();
    const remindAt = new Date(pending.dueAt.getTime() + 60_000);
    // A replica that claimed it and died: its lease has run out by the time the reminder is due.
    await model<ScheduledReminder>(restarted, SCHEDULED_REMINDER).updateOne(
      { district, reminderId: pending.reminderId },
      { $set: { status: 'claimed', claimedBy: 'crashed-replica', leaseUntil: new Date(remindAt.getTime() - 1_000) } },
    );
    setNow(restarted, remindAt);
    const subject = '【提醒】待完成：重启前的心得体会';
    await eventually(async () => expect(mail.to(mailOf(district, 'm-teacher')).filter((m) => m.subject === subject)).toHaveLength(1));
    await schedulersPassed();
    expect(mail.to(mailOf(district, 'm-teacher')).filter((m) => m.subject === subject)).toHaveLength(1);
    const sent = await model<ScheduledReminder>(restarted, SCHEDULED_REMINDER).findOne({ district, reminderId: pending.reminderId }).lean<ScheduledReminder>();
    expect(sent).toMatchObject({ status: 'sent', claimedBy: restarted.get(WorkerIdentity).id });
    app = restarted;
  });

  it('lets two replicas race for the same due reminders and sends each once', async () => {
    const second = await start();
    const reminders = model<ScheduledReminder>(app, SCHEDULED_REMINDER);
    const count = 20;
    await reminders.insertMany(
      Array.from({ length: count }, (_, i) => ({
        district,
        reminderId: `race-${i}`,
        ruleId: 'obligation-due',
        sourceEventId: `race-source-${i}`,
        recipientMemberId: 'm-teacher',
        dueAt: new Date(Date.now() - 1_000),
        status: 'pending',
        reasonKeys: [`obligation:race-${i}`],
        variables: { description: `竞争提醒${i}`, dueAt: '2026-12-31 18:00' },
      })),
    );
    const raced = (subject?: string) => Boolean(subject?.startsWith('【提醒】待完成：竞争提醒'));
    await eventually(async () => expect(mail.to(mailOf(district, 'm-teacher')).filter((m) => raced(m.subject))).toHaveLength(count), { timeoutMs: 45_000 });
    await schedulersPassed();
    const received = mail.to(mailOf(district, 'm-teacher')).filter((m) => raced(m.subject));
    expect(received).toHaveLength(count);
    expect(new Set(received.map((m) => m.subject)).size).toBe(count);
    const sent = await reminders.find({ district, reminderId: { $in: received.map((_, i) => `race-${i}`) } }).lean<ScheduledReminder[]>();
    expect(sent.every((reminder) => reminder.status === 'sent')).toBe(true);
    const replicas = [app.get(WorkerIdentity).id, second.get(WorkerIdentity).id];
    expect(sent.every((reminder) => replicas.includes(reminder.claimedBy as string) && reminder.claimGeneration === 1)).toBe(true);
    const deliveries = await model<Delivery>(app, DELIVERY).find({ district, recipientMemberId: 'm-teacher', status: 'sent' }).lean<Delivery[]>();
    expect(deliveries.filter((delivery) => delivery.attempts.length !== 1)).toEqual([]);
  }, 90_000);
  it('sends a reminder whose claimant died between winning its claim token and taking it, once that claim would have expired', async () => {
    const tokens = app.get<Connection>(getConnectionToken()).collection<{ _id: string; claimedBy: string; claimedAt: Date }>('claim_tokens');
    // The replica inserted the token for generation 1 and was killed before it marked the reminder claimed.
    await tokens.insertOne({ _id: `reminder:${district}:orphaned-token:1`, claimedBy: 'killed-replica', claimedAt: new Date(Date.now() - 60_000) });
    const reminders = model<ScheduledReminder>(app, SCHEDULED_REMINDER);
    await reminders.create({
      district,
      reminderId: 'orphaned-token',
      ruleId: 'obligation-due',
      sourceEventId: 'orphaned-token-source',
      recipientMemberId: 'm-teacher',
      dueAt: new Date(Date.now() - 1_000),
      status: 'pending',
      reasonKeys: ['obligation:orphaned-token'],
      variables: { description: '认领者宕机的提醒', dueAt: '2026-12-31 18:00' },
    });
    const subject = '【提醒】待完成：认领者宕机的提醒';
    await eventually(async () => expect(mail.to(mailOf(district, 'm-teacher')).filter((m) => m.subject === subject)).toHaveLength(1));
    await schedulersPassed();
    expect(mail.to(mailOf(district, 'm-teacher')).filter((m) => m.subject === subject)).toHaveLength(1);
    expect(await reminders.findOne({ district, reminderId: 'orphaned-token' }).lean<ScheduledReminder>()).toMatchObject({ status: 'sent', claimGeneration: 2 });
  });

  it('prunes claim tokens past CLAIM_TOKEN_RETENTION_HOURS, keeps newer ones, and still claims a job once after its old token went', async () => {
    const pruner = app.get(ClaimTokenPruner);
    // Lets the pass made at start finish first, so only the pass below can delete what this test inserts.
    await pruner.prune();
    const tokens = app.get<Connection>(getConnectionToken()).collection<{ _id: string; claimedBy: string; claimedAt: Date }>('claim_tokens');
    const now = Date.now();
    const token = (job: string, generation: number, ageMs: number) => ({ _id: `${job}:${generation}`, claimedBy: 'replica-gone', claimedAt: new Date(now - ageMs) });
    const inserted = [
      token(`reminder:${district}:claimed-25-hours-ago`, 1, 25 * HOUR),
      token(`delivery:${district}:claimed-3-days-ago`, 1, 3 * DAY),
      token(`reminder:${district}:handed-back`, 1, 2 * DAY),
      token(`reminder:${district}:claimed-23-hours-ago`, 1, 23 * HOUR),
    ];
    await tokens.insertMany(inserted);

    expect(await pruner.prune()).toBeGreaterThanOrEqual(3);
    const left = await tokens.find({ _id: { $in: inserted.map((t) => t._id) } }).toArray();
    expect(left.map((t) => t._id)).toEqual([`reminder:${district}:claimed-23-hours-ago:1`]);
    expect(await tokens.countDocuments({ _id: `reminder:${district}:race-0:1` })).toBe(1);

    // Claimed as generation 1 two days ago, then handed back: the two replicas now race for generation 2, not the pruned 1.
    const reminders = model<ScheduledReminder>(app, SCHEDULED_REMINDER);
    await reminders.create({
      district,
      reminderId: 'handed-back',
      ruleId: 'obligation-due',
      sourceEventId: 'handed-back-source',
      recipientMemberId: 'm-teacher',
      dueAt: new Date(now - 1_000),
      status: 'pending',
      claimGeneration: 1,
      reasonKeys: ['obligation:handed-back'],
      variables: { description: '令牌清理后的提醒', dueAt: '2026-12-31 18:00' },
    });
    const subject = '【提醒】待完成：令牌清理后的提醒';
    await eventually(async () => expect(mail.to(mailOf(district, 'm-teacher')).filter((m) => m.subject === subject)).toHaveLength(1));
    await schedulersPassed();
    expect(mail.to(mailOf(district, 'm-teacher')).filter((m) => m.subject === subject)).toHaveLength(1);
    expect(await reminders.findOne({ district, reminderId: 'handed-back' }).lean<ScheduledReminder>()).toMatchObject({ status: 'sent', claimGeneration: 2 });
    expect(await tokens.countDocuments({ _id: `reminder:${district}:handed-back:2` })).toBe(1);
  });
});

authorizationMatrixCases('notifications', AUTHORIZATION_TABLE['notifications'], () => app);

apiFuzzCases('notifications', () => app);

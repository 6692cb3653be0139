import { ParsedMail } from 'mailparser';
import { Principal } from '@campaign/auth';
import { Platform, ServiceName } from '@campaign/testing';
import { DEMO_SCHEME } from '../../tools/platform/scenario';
import { District } from './district';
import { FailoverClient } from './failover-client';
import { JetStreamState } from './observe';
import { Meeting, SteadyLoad } from './steady-load';

interface SchemeRule {
  id: string;
  kind: string;
  activityKinds?: string[];
  present?: number;
  unexcusedAbsencePenalty?: number;
  pointsPerActivity?: number;
}

interface ExplainedLine {
  ruleId: string;
  points: number;
  occurredAt: string;
  sourceEventId: string;
}

interface Explanation {
  total: number;
  standing: number;
  indicators: { lines: ExplainedLine[] }[];
}

/** What was expected and not found, found more than once, or found different; each entry says which. */
export interface Findings {
  lost: string[];
  duplicated: string[];
  /** The same email (one Message-ID) received again because its sender was killed or lost the store in between: SMTP's at-least-once. */
  resent: string[];
  /** Standings that differ from the ledger (reconciliation's report, nothing healed). */
  drift: string[];
  /** Effects present once but with the wrong value (points that do not follow the scheme). */
  wrong: string[];
}

const RULES: SchemeRule[] = DEMO_SCHEME.indicators.flatMap((indicator): SchemeRule[] => indicator.rules);
// What renderReminder puts before a reminder's subject, per locale.
const REMINDER_PREFIXES = ['【提醒】', 'Reminder: '];

function attendanceRule(kind: string): SchemeRule {
  const rule = RULES.find((candidate) => candidate.kind === 'attendance' && candidate.activityKinds?.includes(kind));
  if (!rule) throw new Error(`the demo scheme does not score ${kind}`);
  return rule;
}

function carrierRule(): SchemeRule {
  const rule = RULES.find((candidate) => candidate.kind === 'activity-held');
  if (!rule) throw new Error('the demo scheme does not score held activities');
  return rule;
}

/** Counts effects by key, to find each expected one exactly once. */
function tally(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function compare(findings: Findings, what: string, expected: Map<string, number | undefined>, found: Map<string, { count: number; value?: number }>): void {
  for (const [key, value] of expected) {
    const effect = found.get(key);
    if (!effect) findings.lost.push(`${what} ${key}`);
    else if (effect.count > 1) findings.duplicated.push(`${what} ${key} ×${effect.count}`);
    else if (value !== undefined && effect.value !== value) findings.wrong.push(`${what} ${key}: ${effect.value} instead of ${value}`);
  }
  for (const [key, effect] of found) if (!expected.has(key)) findings.duplicated.push(`${what} ${key} without a cause ×${effect.count}`);
}

/** A fault the harness caused: a service killed (instantly), or the store away from `at` to `until`. */
export interface Fault {
  target: ServiceName | 'store' | 'nats';
  at: number;
  until: number;
}

export interface Announcement {
  title: string;
  memberId: string;
  kind: 'notice' | 'reminder';
}

/**
 * Every notice and due reminder the load's upcoming activities call for: one per member of the organising unit, each.
 * Its meetings are recorded after they took place, which calls for none.
 */
export function expectedAnnouncements(district: District, load: SteadyLoad): Announcement[] {
  const members = new Map([...district.meetingUnits, district.noticeUnit].map((unit) => [unit.unitId, unit.memberIds]));
  return load.notices.flatMap((activity) =>
    (members.get(activity.organiserUnitId) ?? []).flatMap((memberId) =>
      (activity.reminded ? (['notice', 'reminder'] as const) : (['notice'] as const)).map((kind) => ({ title: activity.title, memberId, kind })),
    ),
  );
}

/** A few requests at a time: the checks read a lot, and the services share two cores with the store. */
async function eachOf<T>(items: T[], check: (item: T) => Promise<void>, parallel = 4): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) await check(items[next++]);
  }));
}

const linesOf = (explanation: Explanation) => explanation.indicators.flatMap((indicator) => indicator.lines);
const instant = (value: string) => new Date(value).toISOString();

/**
 * Checks that every event the load caused is reflected exactly once, from the stores' data through the public APIs
 * and from the broker: activity-records holds what was sent and published it once; the ledger has one line per
 * attendance and per held meeting with the scheme's points; standings equal the ledger; every member of an organising
 * unit got an upcoming activity's notice, and its reminder where one fell due, once, by email and in the inbox.
 */
export async function verifyExactlyOnce(input: {
  platform: Platform;
  admin: FailoverClient;
  district: District;
  load: SteadyLoad;
  jetStream: JetStreamState;
  mail: ParsedMail[];
  /** When each email reached the SMTP sink. */
  arrivals: Map<ParsedMail, number>;
  faults: Fault[];
}): Promise<Findings> {
  const { admin, district, load, jetStream } = input;
  const findings: Findings = { lost: [], duplicated: [], resent: [], drift: [], wrong: [] };
  const campaignId = district.campaign._id;

  // activity-records: what the load was told was written is there, once.
  const held = new Set<string>();
  const activities = await admin.get<{ _id: string; title: string; status: string; heldAt?: string }[]>('activity-records', `/activities?campaignId=${campaignId}&unitId=${district.rootUnitId}`);
  for (const [title, count] of tally(activities.map((activity) => activity.title))) if (count > 1) findings.duplicated.push(`activity "${title}" scheduled ×${count}`);
  for (const activity of activities) if (activity.status === 'held' && activity.heldAt) held.add(activity._id);
  await eachOf(load.meetings, async (meeting) => {
    if (!held.has(meeting.activityId)) findings.lost.push(`meeting ${meeting.activityId} not held in activity-records`);
    const recorded = await admin.get<{ memberId: string; status: string }[]>('activity-records', `/activities/${meeting.activityId}/attendance`);
    compare(
      findings,
      'attendance record',
      new Map(meeting.rows.map((row) => [`${meeting.activityId}/${row.memberId}`, undefined])),
      new Map([...tally(recorded.map((row) => `${meeting.activityId}/${row.memberId}`))].map(([key, count]) => [key, { count }])),
    );
  });

  // The broker: each event the load caused was published once (the outbox and JetStream's de-duplication).
  const inStream = jetStream.subjects.ACTIVITY ?? {};
  const published: Array<[string, number]> = [
    ['activity.activity.scheduled.v1', load.meetings.length + load.notices.length],
    ['activity.attendance.recorded.v1', load.meetings.reduce((sum, meeting) => sum + meeting.rows.length, 0)],
    ['activity.activity.held.v1', load.meetings.length],
  ];
  for (const [subject, sent] of published) {
    const count = inStream[subject] ?? 0;
    if (count < sent) findings.lost.push(`${sent - count} ${subject} events never reached the stream`);
    if (count > sent) findings.duplicated.push(`${count - sent} extra ${subject} events in the stream`);
  }
  for (const [subject, count] of Object.entries(jetStream.deadLetters)) findings.lost.push(`${count} dead letters on ${subject}`);

  // assessment-scoring: one ledger line per attendance and per held meeting, standings equal to the ledger.
  const byMember = new Map<string, Meeting[]>();
  for (const meeting of load.meetings) for (const row of meeting.rows) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), meeting]);
  await eachOf(district.meetingUnits.flatMap((unit) => unit.memberIds), async (memberId) => {
    const explained = await admin.get<Explanation>('assessment-scoring', `/campaigns/${campaignId}/members/${memberId}/explain`);
    if (Math.abs(explained.standing - explained.total) > 0.005) findings.drift.push(`member ${memberId}: standing ${explained.standing}, ledger ${explained.total}`);
    const expected = new Map<string, number>();
    for (const meeting of byMember.get(memberId) ?? []) {
      const rule = attendanceRule(meeting.kind);
      const status = meeting.rows.find((row) => row.memberId === memberId)?.status;
      expected.set(`${rule.id}@${meeting.startsAt}`, status === 'present' ? (rule.present ?? 0) : -(rule.unexcusedAbsencePenalty ?? 0));
    }
    const attendanceRules = new Set(RULES.filter((rule) => rule.kind === 'attendance').map((rule) => rule.id));
    const lines = linesOf(explained).filter((line) => attendanceRules.has(line.ruleId));
    const found = new Map<string, { count: number; value: number }>();
    for (const line of lines) {
      const key = `${line.ruleId}@${instant(line.occurredAt)}`;
      found.set(key, { count: (found.get(key)?.count ?? 0) + 1, value: line.points });
    }
    compare(findings, `ledger line of member ${memberId}`, expected, found);
  });
  const carriers = carrierRule();
  for (const unit of district.meetingUnits) {
    const explained = await admin.get<Explanation>('assessment-scoring', `/campaigns/${campaignId}/units/${unit.unitId}/explain`);
    if (Math.abs(explained.standing - explained.total) > 0.005) findings.drift.push(`unit ${unit.unitId}: standing ${explained.standing}, ledger ${explained.total}`);
    // A held meeting's points are dated when it took place, not when it was marked held.
    const expected = new Map(load.meetings.filter((m) => m.organiserUnitId === unit.unitId && held.has(m.activityId)).map((m) => [instant(m.startsAt), carriers.pointsPerActivity]));
    const found = new Map<string, { count: number; value: number }>();
    for (const line of linesOf(explained).filter((candidate) => candidate.ruleId === carriers.id)) {
      const key = instant(line.occurredAt);
      found.set(key, { count: (found.get(key)?.count ?? 0) + 1, value: line.points });
    }
    compare(findings, `ledger line of unit ${unit.unitId} for the held meeting that started at`, expected, found);
  }
  const report = await admin.post<{ checked: number; drift: { period: string; scope: string; subjectId: string; standing: number; ledger: number }[] }>(
    'assessment-scoring',
    `/campaigns/${campaignId}/standings/reconcile?heal=false`,
  );
  for (const entry of report.drift) findings.drift.push(`${entry.scope} ${entry.subjectId} ${entry.period}: standing ${entry.standing}, ledger ${entry.ledger}`);

  // notifications: each activity announced once to each member of its organiser, and the reminder once where due.
  const announced = expectedAnnouncements(district, load);
  const titles = [...new Set(announced.map((announcement) => announcement.title))];
  const titleOf = (subject: string) => titles.find((title) => subject.endsWith(title));
  const kindOf = (subject: string) => (REMINDER_PREFIXES.some((prefix) => subject.startsWith(prefix)) ? 'reminder' : 'notice');
  const received = new Map<string, ParsedMail[]>();
  for (const mail of input.mail) {
    const subject = mail.subject ?? '';
    const title = titleOf(subject);
    if (!title) continue;
    const to = mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined;
    const key = `${kindOf(subject)} of "${title}" to ${to}`;
    received.set(key, [...(received.get(key) ?? []), mail]);
  }
  compare(
    findings,
    'email',
    new Map(announced.map((a) => [`${a.kind} of "${a.title}" to ${district.emailOf.get(a.memberId)}`, undefined])),
    new Map([...received].map(([key, mails]) => [key, { count: new Set(mails.map((mail) => mail.messageId)).size }])),
  );
  for (const [key, mails] of received) {
    for (const [messageId, copies] of tally(mails.map((mail) => mail.messageId ?? ''))) {
      if (copies < 2) continue;
      const arrivals = mails.filter((mail) => mail.messageId === messageId).map((mail) => input.arrivals.get(mail) ?? 0);
      // SMTP has no idempotent submission: a sender killed, or cut off from the store, after the server took the message and before it noted so sends it again.
      const senderLostIt = input.faults.some((fault) => (fault.target === 'notifications' || fault.target === 'store') && fault.at < Math.max(...arrivals) && fault.until > Math.min(...arrivals));
      (senderLostIt ? findings.resent : findings.duplicated).push(`${key}: message ${messageId} received ${copies} times`);
    }
  }
  const announcedTo = new Map<string, Announcement[]>();
  for (const a of announced) announcedTo.set(a.memberId, [...(announcedTo.get(a.memberId) ?? []), a]);
  await eachOf([...announcedTo], async ([memberId, expected]) => {
    const member = await FailoverClient.as(input.platform, { sub: memberId, district: district.district, roles: ['member'], units: [], memberId } satisfies Principal);
    const inbox = await member.get<{ kind: string; subject: string }[]>('notifications', '/me/inbox?limit=200');
    const found = tally(inbox.flatMap((item) => {
      const title = titleOf(item.subject);
      return title ? [`${item.kind === 'reminder' ? 'reminder' : 'notice'} of "${title}"`] : [];
    }));
    compare(findings, `inbox of ${memberId}:`, new Map(expected.map((a) => [`${a.kind} of "${a.title}"`, undefined])), new Map([...found].map(([key, count]) => [key, { count }])));
  });
  return findings;
}

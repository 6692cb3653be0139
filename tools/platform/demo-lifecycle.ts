import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceName, waitUntilDrained } from '@campaign/testing';
import { ApiError, PlatformClient, waitFor } from './client';
import { Member, membersOf } from './scenario';

export interface LifecycleContext {
  root: string;
  district: string;
  urls: Record<ServiceName, string>;
  campaignId: string;
  unitIds: Record<string, string>;
  natsUrl: string;
}

interface InboxItem {
  subject: string;
  createdAt?: string;
}

interface Appraisal {
  subjectType: 'unit' | 'member';
  subjectId: string;
  review?: { rating: string } | null;
  honour?: string | null;
}

/** Who each e-mail address belongs to, for reading the mail sink. */
type People = Map<string, { name: string; unitName: string }>;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The campaign as people live it, after the weeks of study in demo.ts: a returned and resubmitted plan, a transfer and
 * a leaver through org-registry's API, the appraisal round (self-evaluation, rating, calibration, honours,
 * finalisation), then who was notified of what.
 */
export async function playLifecycle(context: LifecycleContext): Promise<void> {
  const { district, urls, campaignId, unitIds } = context;
  const admin = await PlatformClient.as(urls, { sub: 'district-admin', district, roles: ['district-admin'], units: [] });
  const unitAdmin = (code: string) => PlatformClient.as(urls, { sub: `admin-${code}`, district, roles: ['unit-admin'], units: [unitIds[code]] });
  const memberClient = (member: Member) => PlatformClient.as(urls, { sub: member.memberId, district, roles: ['member'], units: [], memberId: member.memberId });
  const campaign = await admin.get<{ stage: string }>('activity-records', `/campaigns/${campaignId}`);
  if (campaign.stage !== 'operation') {
    console.log(`\nthe campaign is already in its ${campaign.stage} stage: restart the platform (npm start) to play its lifecycle again`);
    return;
  }
  const mailsBefore = new Set(mailFiles(context.root));
  const startedAt = new Date();
  console.log('\n=== the campaign as people live it ===');

  await returnedPlan(context, admin, await unitAdmin('XZ-YK'));

  // A transfer and a leaver, as HR records them.
  const ordinary = (member: Member) => !member.posts.some((post) => post.includes('书记'));
  const [mover] = (await membersOf(admin, unitIds['XZ-YK-C1'])).filter(ordinary);
  const [leaver] = (await membersOf(admin, unitIds['XZ-HJA-JGDZB'])).filter(ordinary);
  await admin.post('org-registry', `/members/${mover.memberId}/transfer`, { toUnitId: unitIds['XZ-HJA-C1'], effectiveAt: today() });
  await admin.post('org-registry', `/members/${leaver.memberId}/leave`, { reason: 'retired', effectiveAt: today() });
  await waitFor('activity-records to see the transfer and the leaver', async () => {
    const [moved, left] = await Promise.all([
      admin.get<{ unitId: string }>('activity-records', `/org/members/${mover.memberId}`),
      admin.get<{ status: string }>('activity-records', `/org/members/${leaver.memberId}`),
    ]);
    return moved.unitId === unitIds['XZ-HJA-C1'] && left.status === 'retired';
  });
  // The leaver's open obligations are waived once activity-records has handled the leave.
  const owed = await waitFor('the retired member to owe nothing more', async () => {
    const obligations = await admin.get<{ status: string }[]>('activity-records', `/members/${leaver.memberId}/obligations?campaignId=${campaignId}`);
    return obligations.every((o) => o.status !== 'open' && o.status !== 'at-risk') && obligations;
  });
  const waived = owed.filter((o) => o.status === 'waived');
  console.log(`${mover.name} transferred from 盈口乡第一村党支部 to 黄金坳镇第一村党支部; ${leaver.name} (黄金坳镇机关党支部) retired: ${waived.length} obligations no longer owed`);

  await drained(context);
  await appraisalRound(context, admin, unitAdmin, memberClient, leaver);
  await drained(context);
  await settledMail(context.root);

  const people = await peopleOf(admin, unitIds['QW']);
  reportMail(context.root, mailsBefore, people);
  console.log('\ninboxes (since the lifecycle began):');
  for (const [who, member] of [
    ['transferred', mover],
    ['retired', leaver],
  ] as const) {
    const items = (await (await memberClient(member)).get<InboxItem[] | { items: InboxItem[] }>('notifications', '/me/inbox')) ?? [];
    const recent = (Array.isArray(items) ? items : items.items).filter((item) => !item.createdAt || new Date(item.createdAt) >= startedAt);
    console.log(`  ${member.name} (${who}): ${recent.length ? recent.map((item) => item.subject).join('；') : 'nothing'}`);
  }
}

/** 盈口乡's plan, returned by 区委组织部 with a comment and a date to resubmit by from the campaign's calendar, revised and approved. */
async function returnedPlan(context: LifecycleContext, admin: PlatformClient, township: PlatformClient): Promise<void> {
  const { campaignId, unitIds } = context;
  const children = await admin.get<{ unitId: string; unitName: string; status: string }[]>('activity-records', `/units/${unitIds['QW']}/plans/children?campaignId=${campaignId}`);
  const existing = children.find((child) => child.unitId === unitIds['XZ-YK']);
  if (existing && existing.status !== 'missing') {
    console.log(`plan of ${existing.unitName} already ${existing.status}`);
    return;
  }
  const plan = await township.post<{ _id: string; unitName: string }>('activity-records', '/plans', {
    campaignId,
    unitId: unitIds['XZ-YK'],
    theme: '提升三服务，实现三满意',
    carriers: ['党性教育', '服务群众'],
    institutions: { weeklyCollectiveStudy: false },
  });
  await township.post('activity-records', `/plans/${plan._id}/submit`);
  const returned = await admin.post<{ resubmitBy: string }>('activity-records', `/plans/${plan._id}/return`, { comment: '请补充每周集中学习制度和学习记录本要求' });
  console.log(`plan of ${plan.unitName} returned by 区委组织部: "请补充每周集中学习制度和学习记录本要求", to resubmit by ${localTime(returned.resubmitBy)}`);
  await township.call('activity-records', 'PATCH', `/plans/${plan._id}`, {
    institutions: { weeklyCollectiveStudy: true, studyRules: '每周五下午集中学习，每人一本学习记录本' },
  });
  await township.post('activity-records', `/plans/${plan._id}/submit`);
  await admin.post('activity-records', `/plans/${plan._id}/approve`);
  console.log(`plan of ${plan.unitName} resubmitted and approved`);
}

/**
 * Units and members evaluate themselves; 区委组织部 rates them (no rater rates their own unit), with one excellent in
 * five; honours go within the education system's quota; then the round is finalised.
 */
async function appraisalRound(
  context: LifecycleContext,
  admin: PlatformClient,
  unitAdmin: (code: string) => Promise<PlatformClient>,
  memberClient: (member: Member) => Promise<PlatformClient>,
  leaver: Member,
): Promise<void> {
  const { campaignId, unitIds } = context;
  const base = `/campaigns/${campaignId}/appraisal`;
  await admin.post('activity-records', `/campaigns/${campaignId}/stage`, { to: 'appraisal' });
  console.log('\nappraisal stage (评比):');
  const units: [string, string][] = [
    ['JG-JYJ', 'excellent'],
    ['XZ-YK', 'good'],
    ['XZ-HJA', 'good'],
    ['JD-CB', 'good'],
    ['JD-CZ', 'pass'],
  ];
  for (const [code] of units) {
    const self = await unitAdmin(code);
    const summary = '全年组织每周集中学习，党员人人有学习记录本，完成心得体会和调研报告。';
    await waitFor(`assessment-scoring to open the appraisal of ${code}`, () =>
      self.put('assessment-scoring', `${base}/self-evaluations`, { subjectType: 'unit', subjectId: unitIds[code], summary, proposedRating: 'excellent' }).then(() => true),
    );
  }
  const teachers = (await membersOf(admin, unitIds['JG-JYJ'])).filter((m) => m.unitId === unitIds['JG-JYJ'] && !m.isLeader).slice(0, 5);
  for (const teacher of teachers) {
    await (await memberClient(teacher)).put('assessment-scoring', `${base}/self-evaluations`, {
      subjectType: 'member',
      subjectId: teacher.memberId,
      summary: '认真参加集中学习，按时完成心得体会和调研报告，岗位奉献。',
    });
  }
  for (const [code, rating] of units) {
    await admin.put('assessment-scoring', `${base}/reviews`, { subjectType: 'unit', subjectId: unitIds[code], rating, comment: rating === 'excellent' ? '成效显著' : '较好' });
  }
  for (const [index, teacher] of teachers.entries()) {
    const rating = index === 0 ? 'excellent' : index === teachers.length - 1 ? 'pass' : 'good';
    await admin.put('assessment-scoring', `${base}/reviews`, { subjectType: 'member', subjectId: teacher.memberId, rating, comment: '同意' });
  }
  const leaverAttempt = await (await memberClient(leaver))
    .put('assessment-scoring', `${base}/self-evaluations`, { subjectType: 'member', subjectId: leaver.memberId, summary: '已退休，仍想参加评比。' })
    .then(() => 'accepted')
    .catch((error: ApiError) => `refused (${error.status} ${(error.body as { message?: string } | undefined)?.message ?? ''})`);
  console.log(`  ${units.length} units and ${teachers.length} members of 区教育局 self-evaluated and rated; ${leaver.name} (retired) asking to be appraised: ${leaverAttempt}`);

  const calibration = await admin.get<{ reviewers: { reviewerUnitId: string; ratings: Record<string, number>; leniency: number }[] }>('assessment-scoring', `${base}/calibration`);
  for (const reviewer of calibration.reviewers) {
    const name = await admin.get<{ name: string }>('org-registry', `/units/${reviewer.reviewerUnitId}`).then((unit) => unit.name, () => reviewer.reviewerUnitId);
    const { excellent, good, pass, fail } = reviewer.ratings;
    console.log(`  calibration, ratings for ${name}: 优秀 ${excellent}, 良好 ${good}, 合格 ${pass}, 不合格 ${fail}; leniency ${reviewer.leniency}`);
  }
  const systems = await admin.get<{ systemId: string; name: string }[]>('org-registry', '/systems');
  const educationSystem = systems.find((system) => system.name === '教育系统');
  if (educationSystem) {
    for (const honour of ['advanced-collective', 'excellent-member']) {
      await admin.put('assessment-scoring', `${base}/honour-quotas`, { systemId: educationSystem.systemId, honour, quota: 1 });
    }
    await admin.post('assessment-scoring', `${base}/honours`, { subjectType: 'unit', subjectId: unitIds['JG-JYJ'], honour: 'advanced-collective', systemId: educationSystem.systemId });
    await admin.post('assessment-scoring', `${base}/honours`, { subjectType: 'member', subjectId: teachers[0].memberId, honour: 'excellent-member', systemId: educationSystem.systemId });
    console.log(`  honours in 教育系统: 区教育局 先进集体, ${teachers[0].name} 优秀党员`);
  }
  await admin.post('assessment-scoring', `${base}/finalisation`);
  const results = await admin.get<Appraisal[]>('assessment-scoring', base);
  console.log(`  finalised: ${results.filter((a) => a.review).length} ratings, ${results.filter((a) => a.honour).length} honours`);
}

async function drained(context: LifecycleContext): Promise<void> {
  await waitUntilDrained(context.natsUrl);
}

function mailFiles(root: string): string[] {
  return readdirSync(join(root, '.infra/run/mail')).sort();
}

/** E-mail goes out after the events are handled, one delivery at a time: wait until the sink has had none for a while. */
async function settledMail(root: string): Promise<void> {
  let last = -1;
  await waitFor(
    'the e-mail to settle',
    async () => {
      const count = mailFiles(root).length;
      const settled = count === last;
      last = count;
      return settled;
    },
    15 * 60_000,
    15_000,
  );
}

async function peopleOf(admin: PlatformClient, rootUnitId: string): Promise<People> {
  const members = await membersOf(admin, rootUnitId);
  const units = new Map<string, string>();
  const people: People = new Map();
  for (const member of members) {
    if (!units.has(member.unitId)) units.set(member.unitId, (await admin.get<{ name: string }>('org-registry', `/units/${member.unitId}`)).name);
    if (member.contacts?.email) people.set(member.contacts.email.toLowerCase(), { name: member.name, unitName: units.get(member.unitId)! });
  }
  return people;
}

/** Every e-mail sent since the lifecycle began, by subject, with its recipients' names. */
function reportMail(root: string, before: Set<string>, people: People): void {
  const bySubject = new Map<string, string[]>();
  for (const file of mailFiles(root).filter((name) => !before.has(name))) {
    const [toLine, subjectLine] = readFileSync(join(root, '.infra/run/mail', file), 'utf8').split('\n');
    const addresses = recipientsOf(toLine.replace(/^To: /, ''));
    const subject = subjectLine.replace(/^Subject: /, '');
    const names = addresses.map((address) => {
      const person = people.get(address.toLowerCase());
      return person ? `${person.name}（${person.unitName}）` : address;
    });
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), ...names]);
  }
  console.log(`\nwho was notified of what (${[...bySubject.values()].flat().length} e-mails since the lifecycle began):`);
  for (const [subject, names] of bySubject) {
    console.log(`  ${subject}\n    → ${names.slice(0, 8).join('、')}${names.length > 8 ? ` … and ${names.length - 8} more` : ''}`);
  }
}

/** The sink writes a parsed address list as JSON (`{ value: [{ address }] }`). */
function recipientsOf(to: string): string[] {
  try {
    return (JSON.parse(to) as { value: { address: string }[] }).value.map((recipient) => recipient.address);
  } catch {
    return [to];
  }
}

function localTime(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

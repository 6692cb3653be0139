import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ServiceName, waitUntilDrained } from '@campaign/testing';
import { PlatformClient, waitFor } from './client';
import { playLifecycle } from './demo-lifecycle';
import { holdActivity, Member, membersOf } from './scenario';

const root = resolve(__dirname, '../..');

interface RunningPlatform {
  district: string;
  urls: Record<ServiceName, string>;
  campaignId: string;
  unitIds: Record<string, string>;
  natsUrl: string;
}

/**
 * How each demo unit runs its campaign, so the ranking has leaders and laggards: the share of members at weekly
 * collective study, how many members keep their study record book and for how long, the weeks it skips its study,
 * and the carrier activities (volunteer service) it adds.
 */
interface UnitProfile {
  attendance: number;
  recordKeepers: number;
  hoursPerEntry: number;
  skipsWeeks: number[];
  volunteerServices: number;
}

const DEMO_UNITS: Record<string, UnitProfile> = {
  'XZ-YK': { attendance: 0.95, recordKeepers: 5, hoursPerEntry: 3, skipsWeeks: [], volunteerServices: 2 },
  'XZ-HJA': { attendance: 0.85, recordKeepers: 3, hoursPerEntry: 2, skipsWeeks: [], volunteerServices: 1 },
  'XZ-YC': { attendance: 0.65, recordKeepers: 2, hoursPerEntry: 1, skipsWeeks: [2], volunteerServices: 0 },
  'JG-JYJ': { attendance: 0.9, recordKeepers: 6, hoursPerEntry: 2, skipsWeeks: [], volunteerServices: 1 },
  // 区商业事务管理处 keeps record books (the source document's practice): every member logs.
  'JG-SYSW': { attendance: 0.8, recordKeepers: 6, hoursPerEntry: 3, skipsWeeks: [1], volunteerServices: 0 },
  // 区政协 holds its collective study every week (the source document's practice).
  'JG-ZX': { attendance: 1, recordKeepers: 2, hoursPerEntry: 1, skipsWeeks: [], volunteerServices: 0 },
};
const WEEKS = 3;

/** A deterministic attendance at the unit's rate: the rest on leave or, one in three, absent without leave. */
function statusOf(index: number, week: number, rate: number): 'present' | 'excused' | 'absent' {
  const roll = (index * 37 + week * 11) % 100;
  if (roll < rate * 100) return 'present';
  return roll % 3 === 0 ? 'absent' : 'excused';
}

/** ISO week key (`2026-W48`) of a day, as the scoring service keys weekly periods. */
function isoWeekKey(day: Date): string {
  const date = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  date.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function mondayWeeksAgo(weeks: number): Date {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) - 7 * weeks);
  date.setUTCHours(1, 0, 0, 0);
  return date;
}

/** `npm run demo`: plays a few weeks of the campaign against the running platform through its public APIs. */
async function main(): Promise<void> {
  const platform = JSON.parse(readFileSync(join(root, '.infra/run/platform.json'), 'utf8')) as RunningPlatform;
  const { district, urls, campaignId, unitIds, natsUrl } = platform;
  const admin = await PlatformClient.as(urls, { sub: 'district-admin', district, roles: ['district-admin'], units: [] });
  const campaign = await admin.get<{ carriers: { carrierId: string; name: string }[] }>('activity-records', `/campaigns/${campaignId}`);
  const unitNames = new Map<string, string>();
  const membersByUnit = new Map<string, Member[]>();
  const profiles = new Map<string, UnitProfile>();
  for (const [code, profile] of Object.entries(DEMO_UNITS)) {
    const unitId = unitIds[code];
    if (!unitId) continue;
    profiles.set(unitId, profile);
    unitNames.set(unitId, (await admin.get<{ name: string }>('org-registry', `/units/${unitId}`)).name);
    membersByUnit.set(unitId, await membersOf(admin, unitId));
  }
  await waitFor('activity-records to know the demo members', async () => {
    const [unitId, members] = [...membersByUnit.entries()][0];
    return Boolean(members[0]) && admin.get('activity-records', `/org/members/${members[0].memberId}`).then(() => unitId);
  });

  let attendance = 0;
  for (let week = WEEKS; week >= 1; week -= 1) {
    const monday = mondayWeeksAgo(week);
    const weekNumber = WEEKS - week + 1;
    let studies = 0;
    for (const [unitId, members] of membersByUnit) {
      const profile = profiles.get(unitId) as UnitProfile;
      if (members.length === 0) continue;
      const carrier = campaign.carriers[(week + members.length) % campaign.carriers.length];
      if (!profile.skipsWeeks.includes(weekNumber)) {
        studies += 1;
        const held = await holdActivity(admin, {
          campaignId,
          kind: 'collective-study',
          title: `${unitNames.get(unitId)}第${weekNumber}周集中学习`,
          unitId,
          carrierId: carrier?.carrierId,
          startsAt: monday.toISOString(),
          rows: members.map((member, index) => ({ memberId: member.memberId, status: statusOf(index, week, profile.attendance) })),
        });
        attendance += held.recorded;
      }
      if (weekNumber <= profile.volunteerServices) {
        const service = campaign.carriers.find((candidate) => candidate.name === '服务群众') ?? carrier;
        const thursday = new Date(monday.getTime() + 3 * 24 * 60 * 60_000);
        const held = await holdActivity(admin, {
          campaignId,
          kind: 'volunteer-service',
          title: `${unitNames.get(unitId)}志愿服务进社区`,
          unitId,
          carrierId: service?.carrierId,
          startsAt: thursday.toISOString(),
          rows: members.slice(0, Math.ceil(members.length / 2)).map((member) => ({ memberId: member.memberId, status: 'present' })),
        });
        attendance += held.recorded;
      }
      for (const member of members.slice(0, profile.recordKeepers)) {
        const self = await PlatformClient.as(urls, { sub: member.memberId, district, roles: ['member'], units: [], memberId: member.memberId });
        await self.post('activity-records', `/members/${member.memberId}/study-log`, {
          studiedOn: monday.toISOString().slice(0, 10),
          topic: '学习创先争优活动重要精神（学习记录本）',
          hours: profile.hoursPerEntry,
          campaignId,
        });
      }
    }
    console.log(`week of ${monday.toISOString().slice(0, 10)}: collective study held in ${studies} of ${membersByUnit.size} units`);
  }

  const year = new Date().getUTCFullYear();
  // Reflections: the diligent units' members write more of them.
  const writers = [...membersByUnit.entries()].flatMap(([unitId, members]) => members.slice(0, Math.round((profiles.get(unitId) as UnitProfile).attendance * 4) - 1));
  for (const member of writers) {
    const self = await PlatformClient.as(urls, { sub: member.memberId, district, roles: ['member'], units: [], memberId: member.memberId });
    const submission = await self.post<{ _id: string }>('activity-records', '/submissions', {
      campaignId,
      kind: 'reflection',
      year,
      title: '创先争优心得体会',
      content: '通过集中学习，进一步统一了思想、提高了认识、明确了任务。',
    });
    await admin.post('activity-records', `/submissions/${submission._id}/review`, { outcome: 'accepted' });
  }
  const [nextUnitId, nextMembers] = [...membersByUnit.entries()][0];
  const nextWeek = await admin.post<{ _id: string }>('activity-records', '/activities', {
    campaignId,
    kind: 'collective-study',
    title: `${unitNames.get(nextUnitId)}下周集中学习`,
    organiserUnitId: nextUnitId,
    startsAt: new Date(Date.now() + 7 * 24 * 60 * 60_000).toISOString(),
    place: '党员活动室',
  });
  console.log(`recorded ${attendance} attendances, ${writers.length} reflections reviewed; next week's study scheduled (${nextWeek._id}) for ${nextMembers.length} members`);

  let lastReport = 0;
  const lastWrite = Date.now();
  await waitUntilDrained(natsUrl, {
    onProgress: (remaining) => {
      if (remaining > 0 && Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        console.log(`  scoring and notifications catching up: ${remaining} events to go`);
      }
    },
  });
  console.log(`every event handled ${((Date.now() - lastWrite) / 1_000).toFixed(1)} s after the last write`);

  // Each unit's weekly attendance rate becomes its points under the scheme's attendance-rate rule.
  for (let week = WEEKS; week >= 1; week -= 1) {
    await admin.post('assessment-scoring', `/campaigns/${campaignId}/derivations`, { window: 'week', periodKey: isoWeekKey(mondayWeeksAgo(week)) });
  }

  type Ranking = { entries: { subjectId: string; rank: number; points: number }[] };
  const ranking = await admin.get<Ranking>('assessment-scoring', `/campaigns/${campaignId}/rankings?scope=district-units&period=campaign&page=1&pageSize=10`);
  const memberRanking = await admin.get<Ranking>(
    'assessment-scoring',
    `/campaigns/${campaignId}/rankings?scope=unit-members&scopeId=${[...membersByUnit.keys()][0]}&period=campaign&page=1&pageSize=5`,
  );
  console.log('\nunit ranking (比学赶超), campaign to date:');
  for (const entry of ranking.entries) {
    const name = unitNames.get(entry.subjectId) ?? (await admin.get<{ name: string }>('org-registry', `/units/${entry.subjectId}`).then((u) => u.name).catch(() => entry.subjectId));
    console.log(`  ${String(entry.rank).padStart(3)}. ${name.padEnd(16)} ${entry.points} points`);
  }
  const top = memberRanking.entries[0];
  if (top) {
    const explain = await admin.get<{ total: number; indicators: { indicatorId: string; total: number; lines: { points: number; explanation: string }[] }[] }>(
      'assessment-scoring',
      `/campaigns/${campaignId}/members/${top.subjectId}/explain`,
    );
    const name = writers.concat(...membersByUnit.values()).find((m) => m.memberId === top.subjectId)?.name ?? top.subjectId;
    console.log(`\n${name}'s score, explained (total ${explain.total}):`);
    let sum = 0;
    let count = 0;
    for (const indicator of explain.indicators) {
      console.log(`  ${indicator.indicatorId}: ${indicator.total}`);
      for (const line of indicator.lines) {
        sum += line.points;
        count += 1;
        console.log(`    ${line.points >= 0 ? '+' : ''}${line.points}  ${line.explanation}`);
      }
    }
    console.log(`  ${count} lines, summing to ${Math.round(sum * 100) / 100} (total ${explain.total})`);
  }
  const mails = readdirSync(join(root, '.infra/run/mail'));
  const firstMember = [...membersByUnit.values()][0][0];
  const inbox = await (
    await PlatformClient.as(urls, { sub: firstMember.memberId, district, roles: ['member'], units: [], memberId: firstMember.memberId })
  ).get<{ items?: { title?: string; subject?: string }[] } | { title?: string }[]>('notifications', '/me/inbox');
  const items = Array.isArray(inbox) ? inbox : (inbox.items ?? []);
  console.log(`\nnotifications: ${mails.length} emails in .infra/run/mail/; ${firstMember.name}'s inbox holds ${items.length}`);
  for (const item of items.slice(0, 5)) console.log(`  - ${JSON.stringify(item).slice(0, 160)}`);

  await playLifecycle({ root, district, urls, campaignId, unitIds, natsUrl });
}

main().catch((error: Error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});

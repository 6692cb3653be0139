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

const DEMO_UNITS = ['XZ-YK', 'XZ-HJA', 'XZ-YC', 'JG-JYJ', 'JG-SYSW', 'JG-ZX'];
const WEEKS = 3;

/** A deterministic attendance pattern: mostly present, some excused, a few unexcused absences. */
function statusOf(index: number, week: number): 'present' | 'excused' | 'absent' {
  const roll = (index * 7 + week * 13) % 20;
  return roll === 0 ? 'absent' : roll < 3 ? 'excused' : 'present';
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
  for (const code of DEMO_UNITS) {
    const unitId = unitIds[code];
    if (!unitId) continue;
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
    for (const [unitId, members] of membersByUnit) {
      if (members.length === 0) continue;
      const carrier = campaign.carriers[(week + members.length) % campaign.carriers.length];
      const held = await holdActivity(admin, {
        campaignId,
        kind: 'collective-study',
        title: `${unitNames.get(unitId)}第${WEEKS - week + 1}周集中学习`,
        unitId,
        carrierId: carrier?.carrierId,
        startsAt: monday.toISOString(),
        rows: members.map((member, index) => ({ memberId: member.memberId, status: statusOf(index, week) })),
      });
      attendance += held.recorded;
      for (const member of members.slice(0, 3)) {
        const self = await PlatformClient.as(urls, { sub: member.memberId, district, roles: ['member'], units: [], memberId: member.memberId });
        await self.post('activity-records', `/members/${member.memberId}/study-log`, {
          studiedOn: monday.toISOString().slice(0, 10),
          topic: '学习创先争优活动重要精神（学习记录本）',
          hours: 2,
          campaignId,
        });
      }
    }
    console.log(`week of ${monday.toISOString().slice(0, 10)}: collective study held in ${membersByUnit.size} units`);
  }

  const year = new Date().getUTCFullYear();
  const writers = [...membersByUnit.values()].flatMap((members) => members.slice(0, 2));
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
  await waitUntilDrained(natsUrl, {
    onProgress: (remaining) => {
      if (remaining > 0 && Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        console.log(`  scoring and notifications catching up: ${remaining} events to go`);
      }
    },
  });

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
    for (const indicator of explain.indicators) {
      console.log(`  ${indicator.indicatorId}: ${indicator.total}`);
      for (const line of indicator.lines.slice(0, 6)) console.log(`    ${line.points >= 0 ? '+' : ''}${line.points}  ${line.explanation}`);
    }
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

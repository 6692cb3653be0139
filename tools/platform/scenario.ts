import { MemberSnapshot } from '@campaign/contracts';
import { PlatformClient, waitFor } from './client';

/** The district's assessment scheme, after the source document's practices (集中学习, 学习记录本, 心得体会, 调研报告). */
export const DEMO_SCHEME = {
  effectiveFrom: '2026-01-01',
  reason: '区委创先争优考核评价制度',
  indicators: [
    {
      id: 'study',
      name: '学习',
      subject: 'member',
      rules: [
        { id: 'collective-study', kind: 'attendance', activityKinds: ['collective-study', 'rotation-training'], present: 2, unexcusedAbsencePenalty: 3, strict: { roles: ['leader', 'key-post'], penaltyMultiplier: 2 } },
        { id: 'meetings', kind: 'attendance', activityKinds: ['mobilisation-meeting', 'special-meeting'], present: 1, unexcusedAbsencePenalty: 1 },
        { id: 'service', kind: 'attendance', activityKinds: ['volunteer-service', 'pairing', 'carrier-activity'], present: 3, unexcusedAbsencePenalty: 0 },
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
        { id: 'research', kind: 'submission', submissionKinds: ['research-report'], acceptedPoints: 8, timeliness: { onTimeBonus: 2, latePenaltyPerDay: 1, maxLatePenalty: 4 } },
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
        // Derived each week (POST /campaigns/:id/derivations): the unit's members' collective-study attendance rate × 5.
        { id: 'attendance-rate', kind: 'unit-member-rate', measure: 'attendance-rate', period: 'week', maxPoints: 5, activityKinds: ['collective-study'] },
      ],
    },
  ],
};

export const DEMO_CARRIERS = ['党性教育', '亮牌示范', '服务群众', '岗位奉献'];

export interface Campaign {
  _id: string;
  carriers: { carrierId: string; name: string }[];
}

/** Launches the campaign in the operation stage, with its carriers and the assessment scheme. */
export async function launchDemoCampaign(admin: PlatformClient, year = new Date().getUTCFullYear()): Promise<Campaign> {
  const campaign = await admin.post<Campaign>('activity-records', '/campaigns', {
    name: `${year}年创先争优活动`,
    mobilisedOn: `${year}-01-10`,
    stages: {
      planning: { startsOn: `${year}-01-10`, endsOn: `${year}-02-28` },
      operation: { startsOn: `${year}-03-01`, endsOn: `${year}-11-30` },
      appraisal: { startsOn: `${year}-12-01`, endsOn: `${year}-12-31` },
    },
    planDueAt: `${year}-02-28T23:59:59+08:00`,
  });
  await admin.post('activity-records', `/campaigns/${campaign._id}/themes`, { title: '提升三服务，实现三满意' });
  for (const name of DEMO_CARRIERS) await admin.post('activity-records', `/campaigns/${campaign._id}/carriers`, { name });
  await admin.post('activity-records', `/campaigns/${campaign._id}/stage`, { to: 'operation' });
  await waitFor('the scheme to be accepted by assessment-scoring', () =>
    admin.post('assessment-scoring', `/campaigns/${campaign._id}/schemes`, DEMO_SCHEME).then(() => true),
  );
  return admin.get<Campaign>('activity-records', `/campaigns/${campaign._id}`);
}

export type Member = MemberSnapshot & { _id?: string };

/** Every active member of a unit subtree, page by page. */
export async function membersOf(admin: PlatformClient, unitId: string): Promise<Member[]> {
  const members: Member[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await admin.get<{ items: Member[]; total: number }>('org-registry', `/members?subtreeOf=${unitId}&status=active&limit=500&offset=${offset}`);
    members.push(...page.items);
    if (members.length >= page.total || page.items.length === 0) return members;
  }
}

export interface ScheduledActivity {
  _id: string;
}

/** Schedules an activity of a unit, records its attendance in one bulk request and marks it held. */
export async function holdActivity(
  admin: PlatformClient,
  input: { campaignId: string; kind: string; title: string; unitId: string; carrierId?: string; startsAt: string; rows: { memberId: string; status: string }[] },
): Promise<{ activityId: string; recorded: number }> {
  const activity = await admin.post<ScheduledActivity>('activity-records', '/activities', {
    campaignId: input.campaignId,
    kind: input.kind,
    title: input.title,
    organiserUnitId: input.unitId,
    ...(input.carrierId ? { carrierId: input.carrierId } : {}),
    startsAt: input.startsAt,
  });
  const outcome = await admin.post<{ recorded: number }>('activity-records', `/activities/${activity._id}/attendance/bulk`, { rows: input.rows });
  await admin.post('activity-records', `/activities/${activity._id}/hold`, { minutes: `${input.title}：传达学习创先争优活动精神` });
  return { activityId: activity._id, recorded: outcome.recorded };
}

import { District } from './district';
import { FailoverClient } from './failover-client';

export const MEETING_KINDS = ['special-meeting', 'rotation-training'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type AttendanceStatus = 'present' | 'absent';

/** An activity the load scheduled; notifications tells the organiser's members of it if it is upcoming, and reminds them a day before if that is still ahead. */
export interface Announced {
  activityId: string;
  title: string;
  organiserUnitId: string;
  /** Whether a reminder falls due: the activity starts more than a day after it was scheduled. */
  reminded: boolean;
}

/** A past meeting the load recorded afterwards (so nobody is told of it): scheduled, attendance recorded in bulk, marked held. */
export interface Meeting extends Announced {
  kind: MeetingKind;
  startsAt: string;
  rows: { memberId: string; status: AttendanceStatus }[];
}

export interface LoadOptions {
  /** One round (a meeting or a notice) starts this often. */
  intervalMs: number;
  /** Every n-th round is a notice instead of a meeting. */
  noticeEvery: number;
  /** How far ahead of its reminder (a day before the activity) a notice is scheduled. */
  reminderLeadMs: number;
  /** Rounds allowed in flight while replicas are away; the rate drops rather than the requests piling up. */
  maxInFlight: number;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Realistic traffic at a steady modest rate through the public HTTP APIs of whichever replicas are up: sub-districts
 * record meetings with their members' attendance, a district organ schedules activities a day ahead. Keeps what it
 * sent, for the exactly-once checks.
 */
export class SteadyLoad {
  readonly meetings: Meeting[] = [];
  /** Upcoming activities of the district organ, announced to its members. */
  readonly notices: Announced[] = [];
  readonly failures: Error[] = [];
  private round = 0;
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  /** Each activity starts at its own second, so a ledger line's `occurredAt` names the meeting it comes from. */
  private readonly firstStart = Date.now() - 2 * 60 * 60_000;

  constructor(
    private readonly admin: FailoverClient,
    private readonly district: District,
    private readonly options: LoadOptions,
  ) {}

  /** Events the load caused in activity-records: each activity scheduled, each attendance recorded, each meeting held. */
  get eventsSent(): number {
    return this.notices.length + this.meetings.reduce((sum, meeting) => sum + 2 + meeting.rows.length, 0);
  }

  start(): void {
    this.timer = setInterval(() => {
      if (this.inFlight.size >= this.options.maxInFlight) return;
      const round = this.round++;
      const work = (round % this.options.noticeEvery === this.options.noticeEvery - 1 ? this.notice(round) : this.meeting(round))
        .catch((error: Error) => void this.failures.push(error))
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    }, this.options.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  private async meeting(round: number): Promise<void> {
    const unit = this.district.meetingUnits[round % this.district.meetingUnits.length];
    const kind = MEETING_KINDS[round % MEETING_KINDS.length];
    const title = `${unit.name}${kind === 'rotation-training' ? '党员轮训' : '创先争优专题会议'}（第${round + 1}次）`;
    const startsAt = new Date(this.firstStart + round * 1_000).toISOString();
    const activityId = await this.schedule({ kind, title, organiserUnitId: unit.unitId, carrierId: this.district.campaign.carriers[round % this.district.campaign.carriers.length].carrierId, startsAt }, unit.unitId);
    const rows = unit.memberIds.map((memberId, index) => ({ memberId, status: (round + index) % 5 === 0 ? ('absent' as const) : ('present' as const) }));
    await this.admin.post('activity-records', `/activities/${activityId}/attendance/bulk`, { rows });
    await this.admin.post('activity-records', `/activities/${activityId}/hold`, { minutes: `${title}：传达学习创先争优活动精神` }, async () => {
      const activity = await this.admin.get<{ status: string }>('activity-records', `/activities/${activityId}`);
      return activity.status === 'held' ? activity : undefined;
    });
    this.meetings.push({ activityId, title, organiserUnitId: unit.unitId, reminded: false, kind, startsAt, rows });
  }

  private async notice(round: number): Promise<void> {
    const unit = this.district.noticeUnit;
    const title = `${unit.name}创先争优推进会（第${round + 1}轮）`;
    const startsAt = new Date(Date.now() + DAY_MS + this.options.reminderLeadMs).toISOString();
    const activityId = await this.schedule({ kind: 'special-meeting', title, organiserUnitId: unit.unitId, startsAt }, unit.unitId);
    this.notices.push({ activityId, title, organiserUnitId: unit.unitId, reminded: true });
  }

  /** Scheduling is not idempotent: after a lost answer it looks for the activity by its title before sending again. */
  private async schedule(body: Record<string, unknown>, organiserUnitId: string): Promise<string> {
    const campaignId = this.district.campaign._id;
    const activity = await this.admin.post<{ _id: string }>('activity-records', '/activities', { campaignId, ...body }, async () => {
      const activities = await this.admin.get<{ _id: string; title: string }[]>('activity-records', `/activities?campaignId=${campaignId}&unitId=${organiserUnitId}`);
      return activities.find((candidate) => candidate.title === body.title);
    });
    return activity._id;
  }
}

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { ActivityKind, AttendanceRecorded, EventEnvelope } from '@campaign/contracts';
import { EventPublisher, StagedOutbox } from '@campaign/messaging';
import { Activity } from '../activities/activity.schema';
import { ActivityService } from '../activities/activity.service';
import { localTime } from '../campaigns/campaign-calendar';
import { CampaignService } from '../campaigns/campaign.service';
import { badRequest, conflict, forbidden } from '../i18n/messages';
import { MemberStudyObligations } from '../obligations/member-study.service';
import { OrgDirectoryService, unitAt } from '../org-read-model/org-directory.service';
import { OrgMember } from '../org-read-model/org-read-model.schemas';
import { bulkWriteSafely, onlyDuplicateKeys } from '@campaign/persistence';
import { checkInRefusal, eligibilityRefusal, RowError, rowReason, validateAttendanceRows } from './attendance-rules';
import { ATTENDANCE, Attendance, attendanceId, AttendanceSource, AttendanceStatus } from './attendance.schema';

export interface AttendanceRow {
  memberId: string;
  status: AttendanceStatus;
}

export interface RecordOutcome {
  /** Rows that created or changed an attendance (one event each). */
  recorded: number;
  /** Rows that repeated what was already recorded (no write, no event). */
  unchanged: number;
}

const WRITE_ATTEMPTS = 3;
/** Up to this many members a request's rows are read by key; more are read with the organiser's subtree in one query. */
const MEMBERS_READ_ONE_BY_ONE = 16;

@Injectable()
export class AttendanceService {
  private readonly checkInWindowMinutes: number;

  constructor(
    @InjectModel(ATTENDANCE) private readonly attendance: Model<Attendance>,
    private readonly activities: ActivityService,
    private readonly campaigns: CampaignService,
    private readonly directory: OrgDirectoryService,
    private readonly memberStudy: MemberStudyObligations,
    private readonly publisher: EventPublisher,
    private readonly outbox: StagedOutbox,
    config: ConfigService,
  ) {
    this.checkInWindowMinutes = config.getOrThrow<number>('ACTIVITY_CHECKIN_WINDOW_MINUTES');
  }

  async recordOne(principal: Principal, activityId: string, row: AttendanceRow): Promise<Attendance> {
    const activity = await this.recordable(principal, activityId);
    const members = await this.validated(principal.district, activity, [row]);
    await this.write(principal.district, activity, [row], members, 'manual', principal.sub);
    return this.attendance.findOne({ district: principal.district, _id: attendanceId(activityId, row.memberId) }).lean<Attendance>().orFail().exec();
  }

  /** All rows are validated against the read model first; one bad row rejects the request and nothing is written. */
  async recordBulk(principal: Principal, activityId: string, rows: AttendanceRow[]): Promise<RecordOutcome> {
    const activity = await this.recordable(principal, activityId);
    const members = await this.validated(principal.district, activity, rows);
    return this.write(principal.district, activity, rows, members, 'bulk', principal.sub);
  }

  /** Who may check in (the member, in scope) is decided before whether they may now (stage, cancellation, window). */
  async checkIn(principal: Principal, activityId: string, now = new Date()): Promise<Attendance> {
    if (!principal.memberId) throw forbidden('member-only');
    const activity = await this.activities.find(principal.district, activityId);
    const member = (await this.directory.member(principal.district, principal.memberId)) ?? undefined;
    const refusal = eligibilityRefusal(member, activity);
    if (refusal || !member) throw forbidden('attendance-ineligible', { reason: rowReason(refusal ?? { code: 'no-such-member' }) });
    const campaign = await this.campaigns.requireStage(principal.district, activity.campaignId, 'record');
    if (activity.status === 'cancelled') throw conflict('activity-cancelled');
    const windowRefusal = checkInRefusal(activity.startsAt, now, this.checkInWindowMinutes);
    if (windowRefusal) throw conflict(windowRefusal.code, { minutes: windowRefusal.minutes, at: localTime(windowRefusal.at, campaign.timeZone) });
    const row: AttendanceRow = { memberId: member._id, status: 'present' };
    await this.write(principal.district, activity, [row], new Map([[member._id, member]]), 'check-in', principal.sub);
    return this.attendance.findOne({ district: principal.district, _id: attendanceId(activityId, member._id) }).lean<Attendance>().orFail().exec();
  }

  /** The activity's records, if the caller manages its organising unit. */
  async list(principal: Principal, activityId: string): Promise<Attendance[]> {
    const activity = await this.activities.managed(principal, activityId);
    return this.attendance.find({ district: principal.district, activityId: activity._id }).sort({ memberId: 1 }).lean<Attendance[]>().exec();
  }

  /** Each record's unit and status in the campaign, for participation figures. */
  statusesByUnit(district: string, campaignId: string): Promise<Pick<Attendance, 'memberUnitId' | 'status'>[]> {
    return this.attendance.find({ district, campaignId }).select('memberUnitId status').lean<Pick<Attendance, 'memberUnitId' | 'status'>[]>().exec();
  }

  /** The activity, if the caller manages its organiser, the campaign allows records and it was not cancelled. */
  async recordable(principal: Principal, activityId: string): Promise<Activity> {
    const activity = await this.activities.managed(principal, activityId);
    await this.campaigns.requireStage(principal.district, activity.campaignId, 'record');
    if (activity.status === 'cancelled') throw conflict('activity-cancelled');
    return activity;
  }

  async validated(district: string, activity: Activity, rows: AttendanceRow[]): Promise<Map<string, OrgMember>> {
    const memberIds = [...new Set(rows.map((row) => row.memberId))];
    const byId = new Map<string, OrgMember>();
    if (memberIds.length <= MEMBERS_READ_ONE_BY_ONE) {
      // A single check-in or correction reads its member by key, not the organiser's whole subtree.
      for (const member of await Promise.all(memberIds.map((memberId) => this.directory.member(district, memberId)))) if (member) byId.set(member._id, member);
    } else {
      // One subtree query plus a lookup of the rest: FerretDB 1.x evaluates a large $in per document, far slower.
      for (const member of await this.directory.activeMembersUnder(district, [activity.organiserUnitId, ...activity.invitedUnitIds])) byId.set(member._id, member);
      const others = memberIds.filter((memberId) => !byId.has(memberId));
      if (others.length > 0) for (const member of await this.directory.membersByIds(district, others)) byId.set(member._id, member);
    }
    const errors = validateAttendanceRows(rows.map((row) => row.memberId), byId, activity);
    if (errors.length > 0) throw invalidRows(errors, rows.length);
    return byId;
  }

  /** Writes changed rows with bulkWrite; rows that lost a race to a concurrent writer are retried on the new state. */
  async write(
    district: string,
    activity: Activity,
    rows: AttendanceRow[],
    members: Map<string, OrgMember>,
    source: AttendanceSource,
    recordedBy: string,
  ): Promise<RecordOutcome> {
    const outcome: RecordOutcome = { recorded: 0, unchanged: 0 };
    const studied: string[] = [];
    const withdrawn: string[] = [];
    let pending = rows;
    for (let attempt = 0; attempt < WRITE_ATTEMPTS && pending.length > 0; attempt += 1) {
      const round = await this.writeRound(district, activity, pending, members, source, recordedBy);
      outcome.recorded += round.recorded;
      outcome.unchanged += round.unchanged;
      studied.push(...round.studied);
      withdrawn.push(...round.withdrawn);
      pending = round.lost;
    }
    if (activity.kind === 'collective-study') await this.updateMemberStudy(district, activity, studied, withdrawn);
    if (pending.length > 0) throw conflict('rows-contended', { count: pending.length });
    return outcome;
  }

  /** What is recorded of these rows: a few read by key, more with the activity's whole attendance in one query. */
  private async recorded(district: string, activityId: string, rows: AttendanceRow[]): Promise<Attendance[]> {
    if (rows.length > MEMBERS_READ_ONE_BY_ONE) return this.attendance.find({ district, activityId }).lean<Attendance[]>().exec();
    const found = await Promise.all(rows.map((row) => this.attendance.findOne({ district, _id: attendanceId(activityId, row.memberId) }).lean<Attendance>().exec()));
    return found.filter((doc): doc is Attendance => doc !== null);
  }

  /** Attending a collective study meets the member's weekly study; a present corrected away has the week judged again. */
  private async updateMemberStudy(district: string, activity: Activity, studied: string[], withdrawn: string[]): Promise<void> {
    await this.memberStudy.studied(district, activity.campaignId, studied, new Date(activity.startsAt));
    for (const memberId of withdrawn) await this.memberStudy.reconsider(district, activity.campaignId, memberId, new Date(activity.startsAt));
  }

  private async writeRound(
    district: string,
    activity: Activity,
    rows: AttendanceRow[],
    members: Map<string, OrgMember>,
    source: AttendanceSource,
    recordedBy: string,
  ): Promise<RecordOutcome & { lost: AttendanceRow[]; studied: string[]; withdrawn: string[] }> {
    const existing = new Map((await this.recorded(district, activity._id, rows)).map((doc) => [doc._id, doc]));
    const writeId = randomUUID();
    const recordedAt = new Date();
    const operations: AnyBulkWriteOperation<Attendance>[] = [];
    const written = new Map<string, AttendanceRow>();
    const events: Array<{ documentId: string; envelope: EventEnvelope }> = [];
    const wasPresent = new Set<string>();
    let unchanged = 0;
    for (const row of rows) {
      const id = attendanceId(activity._id, row.memberId);
      const prior = existing.get(id);
      if (prior && prior.status === row.status) {
        unchanged += 1;
        continue;
      }
      const member = members.get(row.memberId) as OrgMember;
      const memberUnitId = prior?.memberUnitId ?? unitAt(member, activity.startsAt);
      const revision = (prior?.revision ?? 0) + 1;
      const envelope = this.publisher.envelope(
        AttendanceRecorded,
        {
          attendanceId: id,
          activityId: activity._id,
          campaignId: activity.campaignId,
          activityKind: activity.kind as ActivityKind,
          organiserUnitId: activity.organiserUnitId,
          memberId: row.memberId,
          memberUnitId,
          status: row.status,
          activityAt: new Date(activity.startsAt).toISOString(),
          recordedAt: recordedAt.toISOString(),
          source,
          revision,
        },
        district,
      );
      const fields = { status: row.status, source, recordedAt, recordedBy, revision, writeId };
      events.push({ documentId: id, envelope });
      operations.push(
        prior
          ? { updateOne: { filter: { district, _id: id, revision: prior.revision }, update: { $set: fields } } }
          : {
              insertOne: {
                document: {
                  _id: id,
                  district,
                  activityId: activity._id,
                  campaignId: activity.campaignId,
                  activityKind: activity.kind,
                  organiserUnitId: activity.organiserUnitId,
                  activityAt: activity.startsAt,
                  memberId: row.memberId,
                  memberUnitId,
                  ...fields,
                } as Attendance,
              },
            },
      );
      written.set(id, row);
      if (prior?.status === 'present') wasPresent.add(id);
    }
    if (operations.length === 0) return { recorded: 0, unchanged, lost: [], studied: [], withdrawn: [] };
    // Staged before the write, published for the rows it wrote: no update per row to clear an outbox.
    const staged = await this.outbox.stage(district, this.attendance.collection.name, writeId, events);
    try {
      await bulkWriteSafely(this.attendance, operations, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
    const winners = await this.attendance.find({ district, activityId: activity._id, writeId }).select('_id').lean<Pick<Attendance, '_id'>[]>().exec();
    const wonIds = new Set(winners.map((doc) => doc._id));
    await this.outbox.publish(staged, wonIds);
    const lost = [...written.entries()].filter(([id]) => !wonIds.has(id)).map(([, row]) => row);
    const won = [...written.entries()].filter(([id]) => wonIds.has(id));
    return {
      recorded: wonIds.size,
      unchanged,
      lost,
      studied: won.filter(([, row]) => row.status === 'present').map(([, row]) => row.memberId),
      withdrawn: won.filter(([id, row]) => row.status !== 'present' && wasPresent.has(id)).map(([, row]) => row.memberId),
    };
  }
}

/** 400 naming every bad row (by index, or by line of a file) with a stable code and the reason in the caller's language. */
export function invalidRows(errors: (RowError | (Omit<RowError, 'index'> & { line: number }))[], total: number) {
  const rows = errors.map(({ refusal, ...where }) => ({ ...where, code: refusal.code, reason: rowReason(refusal) }));
  return badRequest('rows-invalid', { invalid: errors.length, total }, { rows });
}

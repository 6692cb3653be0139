import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { ActivityKind, AttendanceRecorded } from '@campaign/contracts';
import { EventPublisher, outboxFields, OutboxRelay, withOutbox } from '@campaign/messaging';
import { Activity } from '../activities/activity.schema';
import { ActivityService } from '../activities/activity.service';
import { CampaignService } from '../campaigns/campaign.service';
import { OrgDirectoryService, unitAt } from '../org-read-model/org-directory.service';
import { OrgMember } from '../org-read-model/org-read-model.schemas';
import { bulkWriteSafely, onlyDuplicateKeys } from '@campaign/persistence';
import { checkInRefusal, eligibilityRefusal, RowError, validateAttendanceRows } from './attendance-rules';
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

@Injectable()
export class AttendanceService {
  private readonly checkInWindowMinutes: number;

  constructor(
    @InjectModel(ATTENDANCE) private readonly attendance: Model<Attendance>,
    private readonly activities: ActivityService,
    private readonly campaigns: CampaignService,
    private readonly directory: OrgDirectoryService,
    private readonly publisher: EventPublisher,
    private readonly relay: OutboxRelay,
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

  async checkIn(principal: Principal, activityId: string, now = new Date()): Promise<Attendance> {
    if (!principal.memberId) throw new ForbiddenException('only a member can check in');
    const activity = await this.activities.find(principal.district, activityId);
    await this.campaigns.requireStage(principal.district, activity.campaignId, 'record');
    if (activity.status === 'cancelled') throw new ConflictException('the activity was cancelled');
    const windowRefusal = checkInRefusal(activity.startsAt, now, this.checkInWindowMinutes);
    if (windowRefusal) throw new ConflictException(windowRefusal);
    const member = (await this.directory.member(principal.district, principal.memberId)) ?? undefined;
    const refusal = eligibilityRefusal(member, activity);
    if (refusal || !member) throw new ForbiddenException(refusal);
    const row: AttendanceRow = { memberId: member._id, status: 'present' };
    await this.write(principal.district, activity, [row], new Map([[member._id, member]]), 'check-in', principal.sub);
    return this.attendance.findOne({ district: principal.district, _id: attendanceId(activityId, member._id) }).lean<Attendance>().orFail().exec();
  }

  list(principal: Principal, activity: Activity): Promise<Attendance[]> {
    return this.attendance.find({ district: principal.district, activityId: activity._id }).sort({ memberId: 1 }).lean<Attendance[]>().exec();
  }

  /** The activity, if the caller manages its organiser, the campaign allows records and it was not cancelled. */
  async recordable(principal: Principal, activityId: string): Promise<Activity> {
    const activity = await this.activities.managed(principal, activityId);
    await this.campaigns.requireStage(principal.district, activity.campaignId, 'record');
    if (activity.status === 'cancelled') throw new ConflictException('the activity was cancelled');
    return activity;
  }

  async validated(district: string, activity: Activity, rows: AttendanceRow[]): Promise<Map<string, OrgMember>> {
    // One subtree query plus a lookup of the rest: FerretDB 1.x evaluates a large $in per document, far slower.
    const inScope = await this.directory.activeMembersUnder(district, [activity.organiserUnitId, ...activity.invitedUnitIds]);
    const byId = new Map(inScope.map((member) => [member._id, member]));
    const others = [...new Set(rows.map((row) => row.memberId))].filter((memberId) => !byId.has(memberId));
    if (others.length > 0) for (const member of await this.directory.membersByIds(district, others)) byId.set(member._id, member);
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
    let pending = rows;
    for (let attempt = 0; attempt < WRITE_ATTEMPTS && pending.length > 0; attempt += 1) {
      const round = await this.writeRound(district, activity, pending, members, source, recordedBy);
      outcome.recorded += round.recorded;
      outcome.unchanged += round.unchanged;
      pending = round.lost;
    }
    if (outcome.recorded > 0) this.relay.kick();
    if (pending.length > 0) throw new ConflictException(`${pending.length} rows were changed concurrently by another request; retry them`);
    return outcome;
  }

  private async writeRound(
    district: string,
    activity: Activity,
    rows: AttendanceRow[],
    members: Map<string, OrgMember>,
    source: AttendanceSource,
    recordedBy: string,
  ): Promise<RecordOutcome & { lost: AttendanceRow[] }> {
    const existing = new Map((await this.attendance.find({ district, activityId: activity._id }).lean<Attendance[]>().exec()).map((doc) => [doc._id, doc]));
    const writeId = randomUUID();
    const recordedAt = new Date();
    const operations: AnyBulkWriteOperation<Attendance>[] = [];
    const written = new Map<string, AttendanceRow>();
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
      operations.push(
        prior
          ? { updateOne: { filter: { district, _id: id, revision: prior.revision }, update: withOutbox({ $set: fields }, envelope) } }
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
                  ...outboxFields(envelope),
                } as Attendance,
              },
            },
      );
      written.set(id, row);
    }
    if (operations.length === 0) return { recorded: 0, unchanged, lost: [] };
    try {
      await bulkWriteSafely(this.attendance, operations, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
    const won = await this.attendance.find({ district, activityId: activity._id, writeId }).select('_id').lean<Pick<Attendance, '_id'>[]>().exec();
    const wonIds = new Set(won.map((doc) => doc._id));
    const lost = [...written.entries()].filter(([id]) => !wonIds.has(id)).map(([, row]) => row);
    return { recorded: wonIds.size, unchanged, lost };
  }
}

export function invalidRows(errors: (RowError | (Omit<RowError, 'index'> & { line: number }))[], total: number): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${errors.length} of ${total} rows are invalid; nothing was recorded`,
    rows: errors,
  });
}

import { Schema } from 'mongoose';
import { outboxPlugin } from '@campaign/messaging';
import { defaultSchemaOptions, tenantPlugin } from '@campaign/persistence';

export const ATTENDANCE = 'Attendance';

export type AttendanceStatus = 'present' | 'absent' | 'excused';
export type AttendanceSource = 'manual' | 'bulk' | 'check-in' | 'import';

export interface Attendance {
  /** `<activityId>:<memberId>`: one document per member and activity, corrected in place. */
  _id: string;
  district: string;
  activityId: string;
  campaignId: string;
  activityKind: string;
  organiserUnitId: string;
  activityAt: Date;
  memberId: string;
  /** Where the member was at the time of the activity: the attendance stays attributed there. */
  memberUnitId: string;
  status: AttendanceStatus;
  source: AttendanceSource;
  recordedAt: Date;
  recordedBy: string;
  revision: number;
  /** The request that last wrote the document: tells a writer whether its compare-and-set won. */
  writeId: string;
}

export function attendanceId(activityId: string, memberId: string): string {
  return `${activityId}:${memberId}`;
}

export const attendanceSchema = new Schema(
  {
    _id: { type: String, required: true },
    activityId: { type: String, required: true },
    campaignId: { type: String, required: true },
    activityKind: { type: String, required: true },
    organiserUnitId: { type: String, required: true },
    activityAt: { type: Date, required: true },
    memberId: { type: String, required: true },
    memberUnitId: { type: String, required: true },
    status: { type: String, required: true },
    source: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    recordedBy: { type: String, required: true },
    revision: { type: Number, required: true },
    // Bookkeeping of the compare-and-set, never shown.
    writeId: { type: String, required: true, select: false },
  },
  { ...defaultSchemaOptions, collection: 'attendance' },
);
attendanceSchema.plugin(tenantPlugin);
// Rows stage their events (StagedOutbox); the embedded outbox still sends what rows written by earlier versions hold.
attendanceSchema.plugin(outboxPlugin);
attendanceSchema.index({ district: 1, activityId: 1, memberId: 1 }, { unique: true });
attendanceSchema.index({ district: 1, memberId: 1, activityAt: 1 });
// The rows of a write whose writer died before publishing its staged events.
attendanceSchema.index({ district: 1, writeId: 1 });

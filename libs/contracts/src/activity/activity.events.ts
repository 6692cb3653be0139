import { z } from 'zod';
import { defineEvent } from '../envelope';
import { id, isoDateTime } from '../common';

export const ACTIVITY_KINDS = [
  'mobilisation-meeting',
  'special-meeting',
  'collective-study',
  'rotation-training',
  'volunteer-service',
  'pairing',
  'research',
  'carrier-activity',
] as const;
export const activityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof activityKind>;

const activityRef = {
  activityId: id,
  campaignId: id,
  organiserUnitId: id,
  kind: activityKind,
  carrierId: id.nullable(),
  title: z.string().min(1),
  startsAt: isoDateTime,
};

export const ActivityScheduled = defineEvent(
  'activity.activity.scheduled',
  1,
  z.object({ ...activityRef, place: z.string().optional(), invitedUnitIds: z.array(id) }),
);
export const ActivityHeld = defineEvent('activity.activity.held', 1, z.object({ ...activityRef, heldAt: isoDateTime }));
export const ActivityCancelled = defineEvent(
  'activity.activity.cancelled',
  1,
  z.object({ ...activityRef, reason: z.string().min(1), cancelledAt: isoDateTime }),
);

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export const attendanceStatus = z.enum(ATTENDANCE_STATUSES);

/** One per member and activity; a correction is a new event for the same attendanceId with a higher revision. */
export const AttendanceRecorded = defineEvent(
  'activity.attendance.recorded',
  1,
  z.object({
    attendanceId: id,
    activityId: id,
    campaignId: id,
    activityKind,
    organiserUnitId: id,
    memberId: id,
    /** The member's unit at the time of the activity: points are attributed there. */
    memberUnitId: id,
    status: attendanceStatus,
    activityAt: isoDateTime,
    recordedAt: isoDateTime,
    source: z.enum(['manual', 'bulk', 'check-in', 'import']),
    revision: z.number().int().nonnegative(),
  }),
);

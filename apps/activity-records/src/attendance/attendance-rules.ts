import { unitAt } from '../org-read-model/org-directory.service';
import { OrgMember } from '../org-read-model/org-read-model.schemas';

export interface AttendanceScope {
  organiserUnitId: string;
  invitedUnitIds: string[];
  startsAt: Date;
}

export interface RowError {
  index: number;
  memberId: string;
  reason: string;
}

/** Why a member may not be recorded for the activity, or null: active, and in the organiser's subtree or an invited unit. */
export function eligibilityRefusal(member: OrgMember | undefined, scope: AttendanceScope): string | null {
  if (!member) return 'no such member in this district';
  if (member.status !== 'active') return `member is ${member.status}`;
  const roots = [scope.organiserUnitId, ...scope.invitedUnitIds];
  const inScope = roots.some((root) => member.unitPath.includes(root)) || roots.includes(unitAt(member, scope.startsAt));
  return inScope ? null : "member is outside the organising unit's subtree and the invited units";
}

/** Checks every row before anything is written; returns one error per bad row with its index (0-based). */
export function validateAttendanceRows(memberIds: string[], members: Map<string, OrgMember>, scope: AttendanceScope): RowError[] {
  const errors: RowError[] = [];
  const firstIndex = new Map<string, number>();
  memberIds.forEach((memberId, index) => {
    const earlier = firstIndex.get(memberId);
    if (earlier !== undefined) {
      errors.push({ index, memberId, reason: `duplicate of row ${earlier}` });
      return;
    }
    firstIndex.set(memberId, index);
    const refusal = eligibilityRefusal(members.get(memberId), scope);
    if (refusal) errors.push({ index, memberId, reason: refusal });
  });
  return errors;
}

/** Null when `at` is within `windowMinutes` either side of the start, else the reason. */
export function checkInRefusal(startsAt: Date, at: Date, windowMinutes: number): string | null {
  const windowMs = windowMinutes * 60_000;
  const offset = at.getTime() - startsAt.getTime();
  if (offset < -windowMs) return `check-in opens ${windowMinutes} minutes before the start (${new Date(startsAt.getTime() - windowMs).toISOString()})`;
  if (offset > windowMs) return `check-in closed ${windowMinutes} minutes after the start (${new Date(startsAt.getTime() + windowMs).toISOString()})`;
  return null;
}

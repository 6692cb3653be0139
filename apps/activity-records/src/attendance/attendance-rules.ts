import { label, messages } from '../i18n/messages';
import { unitAt } from '../org-read-model/org-directory.service';
import { OrgMember } from '../org-read-model/org-read-model.schemas';

export interface AttendanceScope {
  organiserUnitId: string;
  invitedUnitIds: string[];
  startsAt: Date;
}

/** Why a row may not be recorded; `code` is stable, the text comes from the catalogue (rowReason). */
export type RowRefusal =
  | { code: 'no-such-member' }
  | { code: 'member-inactive'; status: OrgMember['status'] }
  | { code: 'out-of-scope' }
  | { code: 'duplicate'; row: number }
  | { code: 'not-a-time'; value: string };

export interface RowError {
  index: number;
  memberId: string;
  refusal: RowRefusal;
}

/** Why a member may not be recorded for the activity, or null: active, and in the organiser's subtree or an invited unit. */
export function eligibilityRefusal(member: OrgMember | undefined, scope: AttendanceScope): RowRefusal | null {
  if (!member) return { code: 'no-such-member' };
  if (member.status !== 'active') return { code: 'member-inactive', status: member.status };
  const roots = [scope.organiserUnitId, ...scope.invitedUnitIds];
  const inScope = roots.some((root) => member.unitPath.includes(root)) || roots.includes(unitAt(member, scope.startsAt));
  return inScope ? null : { code: 'out-of-scope' };
}

/** Checks every row before anything is written; returns one error per bad row with its index (0-based). */
export function validateAttendanceRows(memberIds: string[], members: Map<string, OrgMember>, scope: AttendanceScope): RowError[] {
  const errors: RowError[] = [];
  const firstIndex = new Map<string, number>();
  memberIds.forEach((memberId, index) => {
    const earlier = firstIndex.get(memberId);
    if (earlier !== undefined) {
      errors.push({ index, memberId, refusal: { code: 'duplicate', row: earlier } });
      return;
    }
    firstIndex.set(memberId, index);
    const refusal = eligibilityRefusal(members.get(memberId), scope);
    if (refusal) errors.push({ index, memberId, refusal });
  });
  return errors;
}

/** The refusal in the caller's language. */
export function rowReason(refusal: RowRefusal): string {
  switch (refusal.code) {
    case 'no-such-member':
      return messages.t('row.no-such-member');
    case 'member-inactive':
      return messages.t('row.member-inactive', { status: label('member-status', refusal.status) });
    case 'out-of-scope':
      return messages.t('row.out-of-scope');
    case 'duplicate':
      return messages.t('row.duplicate', { row: refusal.row });
    case 'not-a-time':
      return messages.t('row.not-a-time', { value: refusal.value });
  }
}

export interface CheckInRefusal {
  code: 'check-in-not-open' | 'check-in-closed';
  /** When check-in opens or closed. */
  at: Date;
  minutes: number;
}

/** Null when `at` is within `windowMinutes` either side of the start, else when the window opens or closed. */
export function checkInRefusal(startsAt: Date, at: Date, windowMinutes: number): CheckInRefusal | null {
  const windowMs = windowMinutes * 60_000;
  const offset = at.getTime() - startsAt.getTime();
  if (offset < -windowMs) return { code: 'check-in-not-open', at: new Date(startsAt.getTime() - windowMs), minutes: windowMinutes };
  if (offset > windowMs) return { code: 'check-in-closed', at: new Date(startsAt.getTime() + windowMs), minutes: windowMinutes };
  return null;
}

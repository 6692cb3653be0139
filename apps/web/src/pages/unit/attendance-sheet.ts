import type { AttendanceStatus } from '../../api/types';

export const STATUSES: readonly AttendanceStatus[] = ['present', 'excused', 'absent'];

/** Shortcut keys of the sheet: P present, L on leave (请假), A absent. */
export const SHORTCUTS: Record<string, AttendanceStatus> = { p: 'present', l: 'excused', a: 'absent' };

export type Marks = Record<string, AttendanceStatus | undefined>;

export interface SheetSummary {
  present: number;
  excused: number;
  absent: number;
  unmarked: number;
}

export function summarise(memberIds: readonly string[], marks: Marks): SheetSummary {
  const summary = { present: 0, excused: 0, absent: 0, unmarked: 0 };
  for (const memberId of memberIds) {
    const status = marks[memberId];
    if (status) summary[status] += 1;
    else summary.unmarked += 1;
  }
  return summary;
}

export function markAll(memberIds: readonly string[], marks: Marks, status: AttendanceStatus): Marks {
  return { ...marks, ...Object.fromEntries(memberIds.map((memberId) => [memberId, status])) };
}

/** The rows to send: only members marked, and only where the mark differs from what is recorded. */
export function changedRows(memberIds: readonly string[], marks: Marks, recorded: Marks): { memberId: string; status: AttendanceStatus }[] {
  return memberIds.flatMap((memberId) => {
    const status = marks[memberId];
    return status && status !== recorded[memberId] ? [{ memberId, status }] : [];
  });
}

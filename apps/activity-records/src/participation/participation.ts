/** One unit's share of the campaign: its own members and those of every unit below it. */
export interface UnitParticipation {
  unitId: string;
  name: string;
  attendance: { present: number; excused: number; absent: number; rate: number | null };
  studyHours: number;
  submissions: { total: number; onTime: number; onTimeRate: number | null };
}

export interface ParticipationInput {
  /** The unit whose children are compared; its own members count under its own row. */
  unitId: string;
  units: { unitId: string; name: string; parentId: string | null; path: string[] }[];
  attendance: { memberUnitId: string; status: 'present' | 'excused' | 'absent' }[];
  studyEntries: { memberUnitId: string; hours: number }[];
  submissions: { memberUnitId: string; submittedAt: Date | string; dueAt: Date | string }[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Participation of each child of a unit (and of the unit itself, for its own members): attendance rate (present
 * among all recorded, leave included), study hours of the record books, and the share of submissions on time.
 */
export function participationByChild(input: ParticipationInput): UnitParticipation[] {
  const paths = new Map(input.units.map((unit) => [unit.unitId, unit.path]));
  const rows = new Map<string, UnitParticipation>();
  const row = (unitId: string, name: string) => {
    rows.set(unitId, { unitId, name, attendance: { present: 0, excused: 0, absent: 0, rate: null }, studyHours: 0, submissions: { total: 0, onTime: 0, onTimeRate: null } });
  };
  const self = input.units.find((unit) => unit.unitId === input.unitId);
  if (self) row(self.unitId, self.name);
  for (const unit of input.units) if (unit.parentId === input.unitId) row(unit.unitId, unit.name);
  /** The child of the unit under which a member's unit lies, or the unit itself; nothing outside its subtree. */
  const bucketOf = (memberUnitId: string): UnitParticipation | undefined => {
    const path = paths.get(memberUnitId) ?? [];
    const at = path.indexOf(input.unitId);
    if (at < 0) return undefined;
    return rows.get(path[at + 1] ?? input.unitId) ?? rows.get(input.unitId);
  };
  for (const record of input.attendance) {
    const bucket = bucketOf(record.memberUnitId);
    if (bucket) bucket.attendance[record.status] += 1;
  }
  for (const entry of input.studyEntries) {
    const bucket = bucketOf(entry.memberUnitId);
    if (bucket) bucket.studyHours += entry.hours;
  }
  for (const submission of input.submissions) {
    const bucket = bucketOf(submission.memberUnitId);
    if (!bucket) continue;
    bucket.submissions.total += 1;
    if (new Date(submission.submittedAt).getTime() <= new Date(submission.dueAt).getTime()) bucket.submissions.onTime += 1;
  }
  return [...rows.values()].map((participation) => {
    const { present, excused, absent } = participation.attendance;
    const recorded = present + excused + absent;
    return {
      ...participation,
      attendance: { present, excused, absent, rate: recorded === 0 ? null : round(present / recorded, 4) },
      studyHours: round(participation.studyHours, 2),
      submissions: { ...participation.submissions, onTimeRate: participation.submissions.total === 0 ? null : round(participation.submissions.onTime / participation.submissions.total, 4) },
    };
  });
}

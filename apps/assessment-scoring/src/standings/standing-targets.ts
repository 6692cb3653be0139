import { standingPeriods } from '../rules/periods';

/** `unit-members`: the points of a unit's members attributed to the unit (a transferred member's past points stay). */
export type StandingScope = 'member' | 'unit' | 'unit-members' | 'system' | 'district';

/** What of a ledger line the standings need. */
export interface LineForStandings {
  campaignId: string;
  subjectType: 'member' | 'unit';
  subjectId: string;
  unitId: string;
  systemIds: string[];
  district: string;
  week: string;
  month: string;
  points: number;
  /** When what the line scores happened: the latest decides a member's unit of attribution. */
  occurredAt?: Date;
}

export interface StandingTarget {
  period: string;
  scope: StandingScope;
  subjectId: string;
  /** For a member's standing: the unit its latest point is attributed to (ranking members within a unit). */
  unitId?: string;
}

/**
 * The standings one ledger line adds to: its subject's, and the totals of the systems its unit was in and of
 * the district, each for the campaign, the week and the month. A unit's own standing holds only unit points
 * (so a big unit does not outrank a small one by headcount), its members' points attributed to it are kept
 * apart (`unit-members`); system and district totals hold everything.
 */
export function standingTargets(line: LineForStandings): StandingTarget[] {
  return standingPeriods({ day: '', year: '', week: line.week, month: line.month }).flatMap((period) => [
    ...(line.subjectType === 'member'
      ? [
          { period, scope: 'member' as const, subjectId: line.subjectId, unitId: line.unitId },
          { period, scope: 'unit-members' as const, subjectId: line.unitId },
        ]
      : [{ period, scope: 'unit' as const, subjectId: line.subjectId }]),
    ...line.systemIds.map((systemId) => ({ period, scope: 'system' as const, subjectId: systemId })),
    { period, scope: 'district' as const, subjectId: line.district },
  ]);
}

export function standingKey(target: { period: string; scope: string; subjectId: string }): string {
  return `${target.period}|${target.scope}|${target.subjectId}`;
}

export interface StandingTotal {
  target: StandingTarget;
  points: number;
  lines: number;
  /** For a member's standing: when the line that gave `target.unitId` happened (the latest, the last of equals). */
  unitAt?: Date;
}

/** Totals of a set of ledger lines per standing: what the projection must equal (rebuild and reconciliation). */
export function totalsFromLedger(lines: Iterable<LineForStandings>): Map<string, StandingTotal> {
  const totals = new Map<string, StandingTotal>();
  for (const line of lines) {
    const occurredAt = line.occurredAt ?? new Date(0);
    for (const target of standingTargets(line)) {
      const key = standingKey(target);
      const total = totals.get(key) ?? { target, points: 0, lines: 0 };
      total.points += line.points;
      total.lines += 1;
      if (target.unitId && (!total.unitAt || occurredAt >= total.unitAt)) {
        total.target = target;
        total.unitAt = occurredAt;
      }
      totals.set(key, total);
    }
  }
  return totals;
}

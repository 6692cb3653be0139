import { ObligationKind, ObligationStatus } from './obligation.schema';

const DAY_MS = 24 * 60 * 60_000;
/** A week's collective study is at risk from two days before the week ends, whatever the yearly window. */
const WEEKLY_AT_RISK_MS = 2 * DAY_MS;
const WEEKLY: readonly ObligationKind[] = ['weekly-collective-study', 'member-weekly-study'];

export function atRiskWindowMs(kind: ObligationKind, configuredDays: number): number {
  return WEEKLY.includes(kind) ? Math.min(WEEKLY_AT_RISK_MS, configuredDays * DAY_MS) : configuredDays * DAY_MS;
}

export interface StatusInput {
  dueAt: Date;
  now: Date;
  /** When the obligation was fulfilled, if it was. */
  satisfiedAt: Date | null;
  atRiskMs: number;
}

/** Met once fulfilled (even late); otherwise missed after the due time, at risk inside the window, else open. */
export function obligationStatus({ dueAt, now, satisfiedAt, atRiskMs }: StatusInput): ObligationStatus {
  if (satisfiedAt) return 'met';
  if (now.getTime() > dueAt.getTime()) return 'missed';
  if (now.getTime() >= dueAt.getTime() - atRiskMs) return 'at-risk';
  return 'open';
}

/** ISO-8601 week of a moment (UTC): key `2026-W48`, starting Monday 00:00 and ending before the next Monday. */
export function isoWeek(at: Date): { key: string; startsAt: Date; endsAt: Date } {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7;
  const startsAt = new Date(day.getTime() - weekday * DAY_MS);
  const thursday = new Date(startsAt.getTime() + 3 * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / (7 * DAY_MS)) + 1;
  return { key: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`, startsAt, endsAt: new Date(startsAt.getTime() + 7 * DAY_MS) };
}

/** Yearly obligations are due at the end of the calendar year (UTC). */
export function endOfYear(year: number): Date {
  return new Date(Date.UTC(year + 1, 0, 1) - 1);
}

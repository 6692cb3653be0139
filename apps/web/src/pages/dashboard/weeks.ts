/** ISO week key (`2026-W48`) of an instant in the district's time zone (China, UTC+8), as the scoring service keys periods. */
export function isoWeekKey(instant: Date, offsetMinutes = 480): string {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000);
  const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** This week and the one before, for the movers of the ranking. */
export function thisAndLastWeek(now = new Date()): { from: string; to: string } {
  return { from: isoWeekKey(new Date(now.getTime() - 7 * 86_400_000)), to: isoWeekKey(now) };
}

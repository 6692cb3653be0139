/** The calendar windows a point falls in: caps are counted per day/week/month/year, standings per week/month/campaign. */
export interface PeriodKeys {
  day: string;
  week: string;
  month: string;
  year: string;
}

export type Window = keyof PeriodKeys;

export const CAMPAIGN_PERIOD = 'campaign';

/** `campaign`, an ISO week `2026-W48` or a month `2026-11`: the periods standings are kept for. */
export const STANDING_PERIOD_PATTERN = /^(campaign|\d{4}-W\d{2}|\d{4}-\d{2})$/;

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** Keys of the instant in local time `utcOffsetMinutes` ahead of UTC; weeks are ISO weeks (Monday first). */
export function periodKeys(instant: Date | string, utcOffsetMinutes: number): PeriodKeys {
  const local = new Date(new Date(instant).getTime() + utcOffsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const weekday = local.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(year, month - 1, day + 4 - weekday));
  const weekYear = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return {
    day: `${year}-${pad(month)}-${pad(day)}`,
    week: `${weekYear}-W${pad(week)}`,
    month: `${year}-${pad(month)}`,
    year: String(year),
  };
}

/** The last local day (YYYY-MM-DD) of a standing period; null for the campaign, which has no end here. */
export function lastDayOf(period: string): string | null {
  if (period === CAMPAIGN_PERIOD) return null;
  const first = new Date(`${firstDayOf(period)}T00:00:00.000Z`);
  const last = period.includes('W') ? new Date(first.getTime() + 6 * 86_400_000) : new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  return last.toISOString().slice(0, 10);
}

/** Whether a standing period is still running on a day or later: what a change effective that day applies to. */
export function periodReaches(period: string, day: string): boolean {
  const last = lastDayOf(period);
  return last === null || last >= day;
}

/** Recorded after the week it counts in had ended (weeks are the shortest standing period): a late entry, 补录. */
export function isLateEntry(occurred: PeriodKeys, recorded: PeriodKeys): boolean {
  return recorded.week > occurred.week;
}

/** The standing periods a point counts in. */
export function standingPeriods(keys: PeriodKeys): string[] {
  return [CAMPAIGN_PERIOD, keys.week, keys.month];
}

/** The ledger field that holds a standing period's key, for filtering lines by period. */
export function ledgerFieldOfPeriod(period: string): 'week' | 'month' | null {
  if (period === CAMPAIGN_PERIOD) return null;
  return period.includes('W') ? 'week' : 'month';
}

/** The first local day (YYYY-MM-DD) of a week, month or year key. */
export function firstDayOf(key: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const [year, number] = [Number(week[1]), Number(week[2])];
    const january4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(january4.getTime() - ((january4.getUTCDay() || 7) - 1) * 86_400_000 + (number - 1) * 7 * 86_400_000);
    return monday.toISOString().slice(0, 10);
  }
  if (/^\d{4}-\d{2}$/.test(key)) return `${key}-01`;
  if (/^\d{4}$/.test(key)) return `${key}-01-01`;
  throw new Error(`not a period key: ${key}`);
}

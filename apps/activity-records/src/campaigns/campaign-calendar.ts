import { CampaignStage } from './stage-rules';

const DAY_MS = 24 * 60 * 60_000;

/** The zone of a campaign launched without one: the platform's districts keep China's calendar. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** What the calendar of a campaign needs: its stage dates (local calendar days) and the zone they are days of. */
export interface CampaignCalendar {
  stages: Record<'planning' | 'operation' | 'appraisal', { startsOn: string; endsOn: string }>;
  timeZone?: string;
  /** When the campaign actually entered its operation stage, if it has. */
  operationStartedAt?: Date | null;
}

export interface CampaignWeek {
  /** ISO week of the local calendar, e.g. `2026-W49`. */
  key: string;
  startsAt: Date;
  /** Exclusive: the first instant after the week. */
  endsAt: Date;
}

const zoneOf = (calendar: Pick<CampaignCalendar, 'timeZone'>) => calendar.timeZone ?? DEFAULT_TIME_ZONE;

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `2026-11-28 09:30` on the zone's wall clock, for texts. */
export function localTime(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  );
  const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallClock - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a local calendar day begins in a zone (twice corrected, for days a clock change falls on). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  let instant = midnightUtc - zoneOffsetMs(new Date(midnightUtc), timeZone);
  instant = midnightUtc - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week a calendar day belongs to, and the week's key. */
function isoWeekOfDay(day: string): { key: string; monday: string } {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  const monday = addDays(day, -weekday);
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * DAY_MS);
  const week = Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / (7 * DAY_MS)) + 1;
  return { key: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`, monday };
}

/** When a stage of the calendar ends: the first instant after its last day. */
export function stageEndsAt(calendar: CampaignCalendar, stage: keyof CampaignCalendar['stages']): Date {
  return startOfLocalDay(addDays(calendar.stages[stage].endsOn, 1), zoneOf(calendar));
}

export function stageStartsAt(calendar: CampaignCalendar, stage: keyof CampaignCalendar['stages']): Date {
  return startOfLocalDay(calendar.stages[stage].startsOn, zoneOf(calendar));
}

/**
 * The campaign week holding an instant: the local ISO week (Monday to Sunday), clipped to the operation stage's
 * days; null outside them.
 */
export function campaignWeek(calendar: CampaignCalendar, at: Date): CampaignWeek | null {
  const opens = stageStartsAt(calendar, 'operation');
  const closes = stageEndsAt(calendar, 'operation');
  if (at < opens || at >= closes) return null;
  const zone = zoneOf(calendar);
  const { key, monday } = isoWeekOfDay(localDay(at, zone));
  const startsAt = startOfLocalDay(monday, zone);
  const endsAt = startOfLocalDay(addDays(monday, 7), zone);
  return { key, startsAt: startsAt < opens ? opens : startsAt, endsAt: endsAt > closes ? closes : endsAt };
}

/** The week before a campaign week, if the operation stage reaches back that far. */
export function previousCampaignWeek(calendar: CampaignCalendar, week: CampaignWeek): CampaignWeek | null {
  return campaignWeek(calendar, new Date(week.startsAt.getTime() - 1));
}

/**
 * Whether members owe study in a week: only for a week the campaign spent wholly in its operation stage, so the week
 * it entered the stage (and any week before) is not held against anyone.
 */
export function isStudyWeek(calendar: CampaignCalendar, week: CampaignWeek): boolean {
  return !calendar.operationStartedAt || new Date(calendar.operationStartedAt) <= week.startsAt;
}

/**
 * When a returned plan is due back: `days` after its return, but never past the end of the stage the campaign is in
 * (planning, or operation for a late plan) unless that end has already passed, and so never in the past.
 */
export function resubmissionDueAt(calendar: CampaignCalendar, stage: CampaignStage, returnedAt: Date, days: number): Date {
  const zone = zoneOf(calendar);
  const wanted = new Date(startOfLocalDay(addDays(localDay(returnedAt, zone), days + 1), zone).getTime() - 1);
  const stageEnd = new Date(stageEndsAt(calendar, stage === 'planning' ? 'planning' : 'operation').getTime() - 1);
  return stageEnd > returnedAt && stageEnd < wanted ? stageEnd : wanted;
}

import { localParts } from './local-time';

export interface QuietHours {
  /** Local "HH:mm"; a window may span midnight (22:00–07:00). */
  start: string;
  end: string;
}

function minutes(clock: string): number {
  const [hours, mins] = clock.split(':').map(Number);
  return hours * 60 + mins;
}

/**
 * When a delivery may go out: `now` outside quiet hours, otherwise the end of the quiet window in the zone.
 * Daylight-saving shifts inside a window are ignored (China has none); the delay is at most an hour off there.
 */
export function deliverableAt(now: Date, quietHours: QuietHours | null | undefined, timeZone: string): Date {
  if (!quietHours) return now;
  const start = minutes(quietHours.start);
  const end = minutes(quietHours.end);
  if (start === end) return now;
  const current = localParts(now, timeZone).minuteOfDay;
  const quiet = start < end ? current >= start && current < end : current >= start || current < end;
  if (!quiet) return now;
  const wait = (end - current + 24 * 60) % (24 * 60);
  const startOfMinute = new Date(now);
  startOfMinute.setUTCSeconds(0, 0);
  return new Date(startOfMinute.getTime() + wait * 60_000);
}

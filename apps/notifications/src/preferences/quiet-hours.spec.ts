import { isoWeek, localParts } from './local-time';
import { deliverableAt } from './quiet-hours';

const shanghai = 'Asia/Shanghai';
const overnight = { start: '22:00', end: '07:00' };

describe('quiet hours', () => {
  it('lets a delivery go at once outside quiet hours or without them', () => {
    const noon = new Date('2026-11-25T04:00:00Z'); // 12:00 in Shanghai
    expect(deliverableAt(noon, overnight, shanghai)).toEqual(noon);
    expect(deliverableAt(noon, null, shanghai)).toEqual(noon);
  });

  it('defers a late-evening delivery to the end of the window the next morning, in the district zone', () => {
    const lateEvening = new Date('2026-11-25T15:30:20Z'); // 23:30 in Shanghai
    expect(deliverableAt(lateEvening, overnight, shanghai)).toEqual(new Date('2026-11-25T23:00:00Z')); // 07:00 next day
  });

  it('defers an early-morning delivery to the same morning', () => {
    const early = new Date('2026-11-25T21:15:00Z'); // 05:15 in Shanghai on the 26th
    expect(deliverableAt(early, overnight, shanghai)).toEqual(new Date('2026-11-25T23:00:00Z'));
  });

  it('treats the end minute as outside and supports windows within one day', () => {
    expect(deliverableAt(new Date('2026-11-25T23:00:00Z'), overnight, shanghai)).toEqual(new Date('2026-11-25T23:00:00Z'));
    const lunch = { start: '12:00', end: '13:30' };
    expect(deliverableAt(new Date('2026-11-25T04:10:00Z'), lunch, shanghai)).toEqual(new Date('2026-11-25T05:30:00Z'));
  });

  it('reads the same instant differently in another zone', () => {
    const instant = new Date('2026-11-25T15:30:00Z'); // 23:30 Shanghai, 15:30 London
    expect(deliverableAt(instant, overnight, 'Europe/London')).toEqual(instant);
  });
});

describe('local calendar', () => {
  it('gives the local date, minute of day and ISO weekday', () => {
    expect(localParts(new Date('2026-11-25T16:30:00Z'), shanghai)).toEqual({ date: '2026-11-26', minuteOfDay: 30, weekday: 4 });
  });

  it('names ISO weeks, including at year boundaries', () => {
    expect(isoWeek('2026-11-25')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
  });
});

import { isoWeekKey, thisAndLastWeek } from './weeks';

describe('isoWeekKey', () => {
  it('keys weeks as the scoring service does, in China time', () => {
    expect(isoWeekKey(new Date('2026-11-29T17:00:00.000Z'))).toBe('2026-W49');
    expect(isoWeekKey(new Date('2026-11-29T15:00:00.000Z'))).toBe('2026-W48');
    expect(isoWeekKey(new Date('2027-01-01T04:00:00.000Z'))).toBe('2026-W53');
  });

  it('gives this week and the one before', () => {
    expect(thisAndLastWeek(new Date('2026-11-25T04:00:00.000Z'))).toEqual({ from: '2026-W47', to: '2026-W48' });
  });
});

import { firstDayOf, isLateEntry, lastDayOf, ledgerFieldOfPeriod, periodKeys, periodReaches } from './periods';

describe('period keys', () => {
  it('takes the day, ISO week, month and year in local time', () => {
    expect(periodKeys('2026-11-29T17:00:00.000Z', 480)).toEqual({ day: '2026-11-30', week: '2026-W49', month: '2026-11', year: '2026' });
    expect(periodKeys('2026-11-29T15:00:00.000Z', 480).week).toBe('2026-W48');
  });

  it('puts the first days of January in the last ISO week of the previous year when they fall before Thursday', () => {
    expect(periodKeys('2027-01-01T04:00:00.000Z', 480).week).toBe('2026-W53');
  });

  it('gives the first day of a period and the ledger field of a standing period', () => {
    expect(firstDayOf('2026-W48')).toBe('2026-11-23');
    expect(firstDayOf('2026-11')).toBe('2026-11-01');
    expect(firstDayOf('2026')).toBe('2026-01-01');
    expect(ledgerFieldOfPeriod('campaign')).toBeNull();
    expect(ledgerFieldOfPeriod('2026-W48')).toBe('week');
    expect(ledgerFieldOfPeriod('2026-11')).toBe('month');
  });

  it('calls an entry late when it is recorded after the local week of what it scores has ended', () => {
    const sundayNight = periodKeys('2026-11-29T15:00:00.000Z', 480);
    expect(isLateEntry(sundayNight, periodKeys('2026-11-29T15:59:00.000Z', 480))).toBe(false);
    expect(isLateEntry(sundayNight, periodKeys('2026-11-29T16:00:00.000Z', 480))).toBe(true);
    expect(isLateEntry(periodKeys('2026-12-28T04:00:00.000Z', 480), periodKeys('2027-01-04T04:00:00.000Z', 480))).toBe(true);
    expect(isLateEntry(sundayNight, sundayNight)).toBe(false);
  });

  it('gives the last day of a week or month, and which periods a change effective on a day reaches', () => {
    expect(lastDayOf('2026-W48')).toBe('2026-11-29');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(lastDayOf('campaign')).toBeNull();
    expect(periodReaches('campaign', '2026-11-25')).toBe(true);
    expect(periodReaches('2026-W48', '2026-11-29')).toBe(true);
    expect(periodReaches('2026-W48', '2026-11-30')).toBe(false);
    expect(periodReaches('2026-11', '2026-11-30')).toBe(true);
  });
});

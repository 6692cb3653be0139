import { atRiskWindowMs, endOfYear, isoWeek, obligationStatus } from './obligation-rules';

const DAY = 24 * 60 * 60_000;
const due = new Date('2026-12-31T23:59:59.999Z');

describe('obligation status rules', () => {
  it('is open well before the due time', () => {
    expect(obligationStatus({ dueAt: due, now: new Date('2026-10-01T00:00:00Z'), satisfiedAt: null, atRiskMs: 14 * DAY })).toBe('open');
  });

  it('is at risk inside the window and missed after the due time', () => {
    expect(obligationStatus({ dueAt: due, now: new Date('2026-12-20T00:00:00Z'), satisfiedAt: null, atRiskMs: 14 * DAY })).toBe('at-risk');
    expect(obligationStatus({ dueAt: due, now: new Date('2027-01-01T00:00:00Z'), satisfiedAt: null, atRiskMs: 14 * DAY })).toBe('missed');
  });

  it('is met once fulfilled, even late', () => {
    const satisfiedAt = new Date('2027-01-02T00:00:00Z');
    expect(obligationStatus({ dueAt: due, now: new Date('2027-01-03T00:00:00Z'), satisfiedAt, atRiskMs: 14 * DAY })).toBe('met');
  });

  it('puts a weekly study at risk two days before the week ends at most', () => {
    expect(atRiskWindowMs('weekly-collective-study', 14)).toBe(2 * DAY);
    expect(atRiskWindowMs('weekly-collective-study', 1)).toBe(DAY);
    expect(atRiskWindowMs('member-weekly-study', 14)).toBe(2 * DAY);
    expect(atRiskWindowMs('reflection', 14)).toBe(14 * DAY);
  });

  it('names ISO weeks and their bounds', () => {
    const week = isoWeek(new Date('2026-11-25T10:00:00Z'));
    expect(week.key).toBe('2026-W48');
    expect(week.startsAt.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(week.endsAt.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z')).key).toBe('2026-W53');
  });

  it('ends the year at its last millisecond', () => {
    expect(endOfYear(2026).toISOString()).toBe('2026-12-31T23:59:59.999Z');
  });
});

import { retryDelay } from './backoff';

describe('delivery back-off', () => {
  it('doubles the wait after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('never waits more than six hours', () => {
    expect(retryDelay(40, 30_000)).toBe(6 * 60 * 60_000);
  });
});

import { explanationSum } from './explanation';

describe('explanationSum', () => {
  it('adds every line of every indicator and compares with the total', () => {
    const line = (points: number) => ({ lineId: String(points), ruleId: 'r', points, explanation: '', occurredAt: '2026-11-25T01:00:00Z' });
    const explanation = {
      subjectId: 'm1',
      total: 5.3,
      standing: 5.3,
      indicators: [
        { indicatorId: 'study', total: 4.1, lines: [line(2), line(2), line(0.1)] },
        { indicatorId: 'writing', total: 1.2, lines: [line(1.2)] },
      ],
    };
    expect(explanationSum(explanation)).toEqual({ count: 4, sum: 5.3, matchesTotal: true });
    expect(explanationSum({ ...explanation, total: 6 }).matchesTotal).toBe(false);
  });
});

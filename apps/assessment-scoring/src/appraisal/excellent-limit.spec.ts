import { excellentAllowed } from './excellent-limit';

describe('limit on excellent ratings per reviewing unit', () => {
  it('takes the unit’s own limit before the campaign’s share', () => {
    expect(excellentAllowed({ max: 3 }, { maxShare: 0.2 }, 42)).toBe(3);
  });

  it('gives a share of those the unit reviews, rounded down (at most 20 % of 42 bureau members is 8)', () => {
    expect(excellentAllowed(null, { maxShare: 0.2 }, 42)).toBe(8);
    expect(excellentAllowed(null, { maxShare: 0.2 }, 5)).toBe(1);
    expect(excellentAllowed(null, { maxShare: 0.2 }, 4)).toBe(0);
    expect(excellentAllowed(null, { maxShare: 0.3 }, 10)).toBe(3);
  });

  it('has no limit where none is set', () => {
    expect(excellentAllowed(null, null, 42)).toBeNull();
  });
});

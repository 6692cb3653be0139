import { standingId } from './standing-id';

describe('standingId', () => {
  it('keys a standing by district, campaign, period, scope and subject', () => {
    expect(standingId('d-1', 'c-1', '2026-11', 'unit-members', 'u-1')).toBe('d-1|c-1|2026-11|unit-members|u-1');
  });
});

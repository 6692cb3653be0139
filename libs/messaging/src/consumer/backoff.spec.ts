import { redeliveryDelay } from './backoff';

describe('redelivery back-off', () => {
  it('doubles with each delivery, between half and all of the exponential step', () => {
    expect(redeliveryDelay(1, () => 0)).toBe(250);
    expect(redeliveryDelay(1, () => 1)).toBe(500);
    expect(redeliveryDelay(2, () => 1)).toBe(1000);
    expect(redeliveryDelay(4, () => 1)).toBe(4000);
  });

  it('never waits more than 30 seconds', () => {
    expect(redeliveryDelay(50, () => 1)).toBe(30_000);
  });
});

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** Exponential back-off with jitter for the n-th failed delivery (1-based). */
export function redeliveryDelay(deliveryCount: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, deliveryCount - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

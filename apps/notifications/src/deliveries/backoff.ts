const MAX_DELAY_MS = 6 * 60 * 60_000;

/** Delay before the next try after the n-th failed attempt (1-based): base, 2×base, 4×base… capped at six hours. */
export function retryDelay(failedAttempts: number, baseMs: number): number {
  return Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

/** Exponential back-off: `baseMs` after the first failed try, then 2×, 4×… never more than `maxMs`. */
export function retryDelayMs(failedTries: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failedTries - 1));
}

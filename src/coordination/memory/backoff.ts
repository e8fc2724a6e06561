import type { Backoff } from "../types.js";

/** The same formulas as BullMQ's built-in strategies, so retries are timed alike in both modes. */
export function retryDelayMs(backoff: Backoff | undefined, failedAttempts: number): number {
  if (!backoff) return 0;
  if (backoff.type === "fixed") return backoff.delayMs;
  return Math.round(2 ** (failedAttempts - 1) * backoff.delayMs);
}

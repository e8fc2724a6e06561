import { PermanentJobError, RetryLaterError } from "../../coordination/index.js";

/**
 * What a failed send means for its row: `throttled` waits and tries again without using up a try,
 * `permanent` ends it as dead, `transient` counts a try and backs off.
 */
export type SendFailure =
  | { kind: "throttled"; delayMs: number; reason: string }
  | { kind: "permanent"; reason: string }
  | { kind: "transient"; reason: string };

/** Never sooner than this, so a limiter that answers "retry in 0 ms" cannot spin a worker. */
const MIN_THROTTLE_WAIT_MS = 200;

export function classifySendFailure(error: unknown): SendFailure {
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof RetryLaterError) return { kind: "throttled", delayMs: Math.max(MIN_THROTTLE_WAIT_MS, error.delayMs), reason };
  if (error instanceof PermanentJobError) return { kind: "permanent", reason };
  return { kind: "transient", reason };
}

/** How the outbox worker paces itself; tests shorten the times. */
export type OutboxWorkerOptions = {
  /** Tries of a delivery before it is given up as `failed` (waits for a rate limit do not count). */
  maxAttempts: number;
  /** The first retry waits this long; each further one twice as long, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * How long a claimed row stays out of everyone else's reach. Longer than any send can take (a WeCom or
   * DingTalk call times out after 10 s), so only a crashed worker's rows are picked up again.
   */
  leaseMs: number;
  /** How often each instance looks for rows nobody is sending (a crash, a lost job, Redis down). */
  reconcileEveryMs: number;
  /** Sends in flight at once on this instance. */
  concurrency: number;
  /** Rows read per query. */
  batchSize: number;
};

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  maxAttempts: 8,
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60_000,
  leaseMs: 2 * 60_000,
  reconcileEveryMs: 15_000,
  concurrency: 8,
  batchSize: 100,
};

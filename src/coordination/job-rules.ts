import type { JobOptions, RetryOptions } from "./types.js";

/**
 * How long finished jobs are remembered, which is how long a `jobId` keeps deduplicating after the job ran.
 * Both implementations use these numbers so that idempotency behaves the same in both modes.
 */
export const COMPLETED_JOB_RETENTION_MS = 24 * 60 * 60 * 1000;
export const FAILED_JOB_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** BullMQ builds Redis keys and job ids from queue names and scheduler ids with ':' as the separator. */
const PLAIN_NAME = /^[A-Za-z0-9_-]+$/;

export function assertPlainName(what: "Queue name" | "Scheduler id", value: string): void {
  if (!PLAIN_NAME.test(value)) {
    throw new Error(`${what} ${JSON.stringify(value)} may contain only letters, digits, '-' and '_'`);
  }
}

export function assertJobOptions(options: JobOptions): void {
  assertRetryOptions(options);
  if (options.delayMs !== undefined && !(Number.isFinite(options.delayMs) && options.delayMs >= 0)) {
    throw new Error(`delayMs must be a non-negative number (got ${options.delayMs})`);
  }
  if (options.jobId !== undefined && options.jobId.length === 0) {
    throw new Error("jobId must not be empty");
  }
}

export function assertRetryOptions(options: RetryOptions): void {
  if (options.attempts !== undefined && !(Number.isInteger(options.attempts) && options.attempts >= 1)) {
    throw new Error(`attempts must be a whole number of at least 1 (got ${options.attempts})`);
  }
  if (options.backoff && !(Number.isFinite(options.backoff.delayMs) && options.backoff.delayMs >= 0)) {
    throw new Error(`backoff.delayMs must be a non-negative number (got ${options.backoff.delayMs})`);
  }
}

export function assertConcurrency(concurrency: number): void {
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new Error(`concurrency must be a whole number of at least 1 (got ${concurrency})`);
  }
}

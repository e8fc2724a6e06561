/**
 * The coordination layer: the small set of primitives that let several instances of the service act as
 * one (dedup, locks, token cache, rate limits, jobs). Redis-backed in the scaled mode, in-process in the
 * embedded mode; both implementations pass the same contract tests, so callers never branch on the mode.
 */

/** At-most-once claims, e.g. "has platform message X already been handled?". */
export interface DedupStore {
  /** Resolves true only for the first claimant of `key` within `ttlSeconds`; every later claim gets false. */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Gives a claim back, so that a handler that failed before doing its work lets the platform's retry
   * through instead of swallowing the message.
   */
  release(key: string): Promise<void>;
}

/** A held lease on a named lock. Only the holder can extend or release it. */
export interface Lock {
  readonly name: string;
  /**
   * Aborted once this holder knows it no longer owns the lock (released, or an extension found it expired
   * and possibly taken by someone else). Long work should check it before each side effect.
   */
  readonly signal: AbortSignal;
  /** Pushes the expiry to `ttlMs` from now; false (and `signal` aborted) when the lease was already lost. */
  extend(ttlMs: number): Promise<boolean>;
  /** Releases the lease if still owned; false when it had already expired. Idempotent. */
  release(): Promise<boolean>;
}

export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/** Mutual exclusion across all instances. Locks never wait: a held lock is reported, not queued for. */
export interface LockService {
  /** The lease, or undefined when someone else holds `name`. It expires by itself after `ttlMs`. */
  tryAcquire(name: string, ttlMs: number): Promise<Lock | undefined>;
  /**
   * Runs `fn` while holding `name`, renewing the lease in the background so work longer than `ttlMs`
   * keeps it, and releases it afterwards (also when `fn` throws; the error propagates).
   * Resolves `{ acquired: false }` without running `fn` when the lock is held elsewhere.
   */
  withLock<T>(name: string, ttlMs: number, fn: (lock: Lock) => Promise<T>): Promise<LockOutcome<T>>;
}

export interface FreshToken {
  value: string;
  /** Lifetime announced by the issuer (e.g. WeCom/DingTalk `expires_in`). */
  ttlSeconds: number;
}

/** Access tokens shared by all instances, fetched by one caller at a time. */
export interface TokenCache {
  /**
   * The cached token for `key`, or the result of `fetch` when there is none. Concurrent callers — in this
   * process and in other instances — share one fetch. A token is treated as expired at 90% of its
   * announced lifetime so it is never used in its last minutes. `fetch` gets a signal that aborts when it
   * has taken too long (10 s); pass it to the HTTP client. The fetch is abandoned then either way.
   */
  getOrRefresh(key: string, fetch: (signal: AbortSignal) => Promise<FreshToken>): Promise<string>;
  /**
   * Forgets the token after the platform rejected it (WeCom 40014/42001, DingTalk auth errors).
   * Pass the rejected value as `staleValue` so that a token another caller has already refreshed is kept.
   */
  invalidate(key: string, staleValue?: string): Promise<void>;
}

export interface RateLimit {
  count: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until a slot frees up. */
  retryAfterMs: number;
}

/** Sliding-window limits shared by all instances: never more than `count` takes in any `windowMs`. */
export interface RateLimiter {
  take(key: string, limit: RateLimit): Promise<RateDecision>;
}

export interface Backoff {
  /** exponential: delayMs, 2×delayMs, 4×delayMs… after the 1st, 2nd, 3rd failure; fixed: delayMs each time. */
  type: "exponential" | "fixed";
  delayMs: number;
}

export interface RetryOptions {
  /** Total tries including the first; 1 (the default) means no retry. */
  attempts?: number;
  backoff?: Backoff;
}

export interface JobOptions extends RetryOptions {
  delayMs?: number;
  /**
   * Idempotency key: adding a job whose id is waiting, delayed, running, or finished within the retention
   * window (see job-rules.ts) does nothing. Any non-empty string is accepted.
   */
  jobId?: string;
}

export interface CronSchedule {
  /** Cron pattern: five fields, or six with seconds first (`* * * * * *` fires every second). */
  pattern: string;
  /** IANA zone the pattern is read in, e.g. Asia/Shanghai; required so nobody gets the server's zone by accident. */
  tz: string;
}

export interface ScheduleInfo {
  schedulerId: string;
  /** Name of the jobs the schedule adds. */
  name: string;
  pattern: string;
  tz: string;
  /** Undefined when the queue does not know it yet (the first tick is being computed). */
  nextRunAt: Date | undefined;
}

export interface JobContext<T> {
  /** The `jobId` given to `add`, or an id the queue chose; for logs and idempotency keys. */
  id: string;
  name: string;
  /** A JSON copy of what was added: Dates arrive as strings, class instances as plain objects. */
  data: T;
  /** 1 on the first run, 2 on the first retry… (a RetryLaterError does not count as an attempt). */
  attempt: number;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

/**
 * A named queue of jobs. Jobs added by any instance are processed by whichever instance runs `process`;
 * each job runs once at a time. A handler that throws is retried per its RetryOptions; throw
 * PermanentJobError to fail at once, or RetryLaterError to run again later without using up an attempt.
 */
export interface JobQueue<T> {
  readonly name: string;
  /** Resolves to the job's id (the given `jobId` when there is one). */
  add(name: string, data: T, options?: JobOptions): Promise<string>;
  /**
   * Creates or replaces the repeating schedule `schedulerId`: at every tick one job `name` with `data` is
   * added — one per tick across all instances, however many of them call `schedule` at start-up.
   */
  schedule(schedulerId: string, when: CronSchedule, name: string, data: T, options?: RetryOptions): Promise<void>;
  /** False when there was no such schedule. */
  removeSchedule(schedulerId: string): Promise<boolean>;
  /** This queue's schedules ordered by id, for the admin view of upcoming jobs. */
  listSchedules(): Promise<ScheduleInfo[]>;
  /** Starts this instance's worker; call at most once per queue. */
  process(handler: JobHandler<T>, options?: { concurrency?: number }): void;
  /** Stops the worker after its running jobs finish, and stops accepting jobs. */
  close(): Promise<void>;
}

export interface CoordinationLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface Coordination {
  readonly mode: "redis" | "memory";
  readonly dedup: DedupStore;
  readonly locks: LockService;
  readonly tokens: TokenCache;
  readonly rateLimiter: RateLimiter;
  /** The queue called `name` (letters, digits, '-' and '_'); the same object for the same name. */
  queue<T>(name: string): JobQueue<T>;
  /** Resolves when the backing store answers; rejects within about a second when it does not (readiness). */
  ping(): Promise<void>;
  /** Closes queues (waiting for running jobs) and connections. */
  close(): Promise<void>;
}

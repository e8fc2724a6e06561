import { randomUUID } from "node:crypto";
import { assertCronSchedule, nextCronTime } from "../cron.js";
import { PermanentJobError, RetryLaterError } from "../job-errors.js";
import {
  assertConcurrency,
  assertJobOptions,
  assertPlainName,
  assertRetryOptions,
  COMPLETED_JOB_RETENTION_MS,
  FAILED_JOB_RETENTION_MS,
} from "../job-rules.js";
import type {
  CoordinationLogger,
  CronSchedule,
  JobHandler,
  JobOptions,
  JobQueue,
  RetryOptions,
  ScheduleInfo,
} from "../types.js";
import { retryDelayMs } from "./backoff.js";
import { ExpiringMap } from "./expiring-map.js";
import { setLongTimeout } from "./long-timeout.js";

interface QueuedJob {
  id: string;
  name: string;
  /** Serialised once at add time so the handler gets what a Redis round trip would give it. */
  json: string;
  failedAttempts: number;
  retry: RetryOptions;
}

interface ActiveSchedule {
  info: ScheduleInfo;
  cancel: () => void;
}

/**
 * Jobs live in this process only: they are lost when it stops, which the embedded mode accepts because
 * every outbound message is a database row first and the reconciler re-queues what was not sent.
 */
export class MemoryJobQueue<T> implements JobQueue<T> {
  /** Waiting, delayed and running jobs by id. */
  private readonly liveJobs = new Map<string, QueuedJob>();
  /** Ids of finished jobs, kept as long as BullMQ keeps finished jobs, so a jobId deduplicates as long. */
  private readonly finishedJobIds = new ExpiringMap<true>();
  private readonly runnable: QueuedJob[] = [];
  private readonly cancelTimers = new Set<() => void>();
  private readonly schedules = new Map<string, ActiveSchedule>();
  private readonly running = new Set<Promise<void>>();
  private handler: JobHandler<T> | undefined;
  private concurrency = 1;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly logger: CoordinationLogger,
  ) {
    assertPlainName("Queue name", name);
  }

  async add(name: string, data: T, options: JobOptions = {}): Promise<string> {
    this.assertOpen();
    assertJobOptions(options);
    const id = options.jobId ?? randomUUID();
    if (this.liveJobs.has(id) || this.finishedJobIds.get(id)) return id;
    const job: QueuedJob = {
      id,
      name,
      json: JSON.stringify(data) ?? "null",
      failedAttempts: 0,
      retry: { attempts: options.attempts, backoff: options.backoff },
    };
    this.liveJobs.set(id, job);
    this.makeRunnableAfter(job, options.delayMs ?? 0);
    return id;
  }

  async schedule(schedulerId: string, when: CronSchedule, name: string, data: T, options: RetryOptions = {}) {
    this.assertOpen();
    assertPlainName("Scheduler id", schedulerId);
    assertCronSchedule(when);
    assertRetryOptions(options);
    this.schedules.get(schedulerId)?.cancel();
    const info: ScheduleInfo = { schedulerId, name, pattern: when.pattern, tz: when.tz, nextRunAt: undefined };
    const armAfter = (after: number) => {
      const runAt = nextCronTime(when, after);
      info.nextRunAt = new Date(runAt);
      const cancel = setLongTimeout(() => {
        // Ids in BullMQ's `repeat:<scheduler>:<tick>` form, so logs read the same in both modes.
        this.add(name, data, { ...options, jobId: `repeat:${schedulerId}:${runAt}` }).catch((error: unknown) =>
          this.logger.error({ queue: this.name, schedulerId, err: error }, "scheduled job could not be added"),
        );
        armAfter(Math.max(runAt, Date.now()));
      }, runAt - Date.now());
      this.schedules.set(schedulerId, { info, cancel });
    };
    armAfter(Date.now());
  }

  async removeSchedule(schedulerId: string): Promise<boolean> {
    const schedule = this.schedules.get(schedulerId);
    if (!schedule) return false;
    schedule.cancel();
    this.schedules.delete(schedulerId);
    return true;
  }

  async listSchedules(): Promise<ScheduleInfo[]> {
    return [...this.schedules.values()]
      .map(({ info }) => ({ ...info }))
      .sort((a, b) => a.schedulerId.localeCompare(b.schedulerId));
  }

  process(handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    this.assertOpen();
    if (this.handler) throw new Error(`Queue ${this.name} already has a worker`);
    const concurrency = options.concurrency ?? 1;
    assertConcurrency(concurrency);
    this.handler = handler;
    this.concurrency = concurrency;
    this.startRunnableJobs();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const cancel of this.cancelTimers) cancel();
    this.cancelTimers.clear();
    for (const { cancel } of this.schedules.values()) cancel();
    this.schedules.clear();
    this.runnable.length = 0;
    await Promise.allSettled(this.running);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`Queue ${this.name} is closed`);
  }

  private makeRunnableAfter(job: QueuedJob, delayMs: number): void {
    if (delayMs <= 0) {
      this.runnable.push(job);
      this.startRunnableJobs();
      return;
    }
    const cancel = setLongTimeout(() => {
      this.cancelTimers.delete(cancel);
      this.runnable.push(job);
      this.startRunnableJobs();
    }, delayMs);
    this.cancelTimers.add(cancel);
  }

  private startRunnableJobs(): void {
    const handler = this.handler;
    if (!handler) return;
    while (!this.closed && this.running.size < this.concurrency) {
      const job = this.runnable.shift();
      if (!job) return;
      const run: Promise<void> = this.runOnce(handler, job).finally(() => {
        this.running.delete(run);
        this.startRunnableJobs();
      });
      this.running.add(run);
    }
  }

  private async runOnce(handler: JobHandler<T>, job: QueuedJob): Promise<void> {
    const attempt = job.failedAttempts + 1;
    try {
      await handler({ id: job.id, name: job.name, data: JSON.parse(job.json) as T, attempt });
      this.finish(job, COMPLETED_JOB_RETENTION_MS);
    } catch (error) {
      if (this.closed) return;
      if (error instanceof RetryLaterError) {
        this.makeRunnableAfter(job, error.delayMs);
        return;
      }
      job.failedAttempts = attempt;
      const details = { queue: this.name, job: job.name, jobId: job.id, attempt, err: error };
      if (error instanceof PermanentJobError || attempt >= (job.retry.attempts ?? 1)) {
        this.logger.error(details, "job failed for good");
        this.finish(job, FAILED_JOB_RETENTION_MS);
        return;
      }
      this.logger.warn(details, "job failed; it will be retried");
      this.makeRunnableAfter(job, retryDelayMs(job.retry.backoff, attempt));
    }
  }

  private finish(job: QueuedJob, retentionMs: number): void {
    this.liveJobs.delete(job.id);
    this.finishedJobIds.set(job.id, true, retentionMs);
  }
}

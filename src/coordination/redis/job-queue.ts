import { DelayedError, ErrorCode, Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { assertCronSchedule } from "../cron.js";
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
import { fromBullJobId, toBullJobId } from "./job-id.js";
import { throttledWarning } from "./throttled-warning.js";

const RETENTION: Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> = {
  removeOnComplete: { age: COMPLETED_JOB_RETENTION_MS / 1000 },
  removeOnFail: { age: FAILED_JOB_RETENTION_MS / 1000 },
};

/**
 * A BullMQ queue and, once `process` is called, a BullMQ worker. Both use the shared queue connection;
 * BullMQ opens the worker's blocking connection itself by duplicating it.
 */
export class RedisJobQueue<T> implements JobQueue<T> {
  private readonly queue: Queue;
  private worker: Worker | undefined;

  constructor(
    readonly name: string,
    private readonly connection: Redis,
    private readonly bullPrefix: string,
    private readonly logger: CoordinationLogger,
  ) {
    assertPlainName("Queue name", name);
    this.queue = new Queue(name, { connection, prefix: bullPrefix });
    this.queue.on("error", throttledWarning(logger, { queue: name }, "job queue error"));
  }

  async add(name: string, data: T, options: JobOptions = {}): Promise<string> {
    assertJobOptions(options);
    const job = await this.queue.add(name, data, {
      ...bullRetryOptions(options),
      ...RETENTION,
      ...(options.jobId !== undefined && { jobId: toBullJobId(options.jobId) }),
      ...(options.delayMs !== undefined && { delay: options.delayMs }),
    });
    if (job.id === undefined) throw new Error(`BullMQ gave no id to job ${name} on queue ${this.name}`);
    return fromBullJobId(job.id);
  }

  async schedule(schedulerId: string, when: CronSchedule, name: string, data: T, options: RetryOptions = {}) {
    assertPlainName("Scheduler id", schedulerId);
    assertCronSchedule(when);
    assertRetryOptions(options);
    try {
      await this.queue.upsertJobScheduler(
        schedulerId,
        { pattern: when.pattern, tz: when.tz },
        { name, data, opts: { ...bullRetryOptions(options), ...RETENTION } },
      );
    } catch (error) {
      // Two instances starting together race for the same tick: the loser finds the tick's job already
      // created. That is success when the winner stored this very schedule.
      if (!(await this.isTickTakenBySameSchedule(error, schedulerId, when))) throw error;
    }
  }

  private async isTickTakenBySameSchedule(error: unknown, schedulerId: string, when: CronSchedule) {
    if ((error as { code?: unknown }).code !== ErrorCode.SchedulerJobIdCollision) return false;
    const stored = await this.queue.getJobScheduler(schedulerId);
    return stored?.pattern === when.pattern && stored.tz === when.tz;
  }

  removeSchedule(schedulerId: string): Promise<boolean> {
    return this.queue.removeJobScheduler(schedulerId);
  }

  async listSchedules(): Promise<ScheduleInfo[]> {
    const schedulers = await this.queue.getJobSchedulers();
    return schedulers
      .map((scheduler) => ({
        schedulerId: scheduler.key,
        name: scheduler.name,
        pattern: scheduler.pattern ?? "",
        tz: scheduler.tz ?? "",
        nextRunAt: scheduler.next === undefined ? undefined : new Date(scheduler.next),
      }))
      .sort((a, b) => a.schedulerId.localeCompare(b.schedulerId));
  }

  process(handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    if (this.worker) throw new Error(`Queue ${this.name} already has a worker`);
    const concurrency = options.concurrency ?? 1;
    assertConcurrency(concurrency);
    const worker = new Worker(this.name, (job, token) => runHandler(handler, job, token), {
      connection: this.connection,
      prefix: this.bullPrefix,
      concurrency,
    });
    worker.on("error", throttledWarning(this.logger, { queue: this.name }, "job worker error"));
    worker.on("failed", (job, error) => {
      if (!job) return;
      const jobId = job.id === undefined ? undefined : fromBullJobId(job.id);
      const details = { queue: this.name, job: job.name, jobId, attempt: job.attemptsMade, err: error };
      const willRetry = !(error instanceof UnrecoverableError) && job.attemptsMade < (job.opts.attempts ?? 1);
      if (willRetry) this.logger.warn(details, "job failed; it will be retried");
      else this.logger.error(details, "job failed for good");
    });
    this.worker = worker;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}

async function runHandler<T>(handler: JobHandler<T>, job: Job, token: string | undefined): Promise<void> {
  const id = job.id === undefined ? "" : fromBullJobId(job.id);
  try {
    await handler({ id, name: job.name, data: job.data as T, attempt: job.attemptsMade + 1 });
  } catch (error) {
    if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
    if (error instanceof RetryLaterError) {
      // BullMQ's way to postpone a job without counting a failed attempt: move it, then throw DelayedError.
      await job.moveToDelayed(Date.now() + error.delayMs, token);
      throw new DelayedError();
    }
    throw error;
  }
}

function bullRetryOptions(options: RetryOptions): Pick<JobsOptions, "attempts" | "backoff"> {
  return {
    attempts: options.attempts ?? 1,
    ...(options.backoff && { backoff: { type: options.backoff.type, delay: options.backoff.delayMs } }),
  };
}

import type { Coordination, JobQueue } from "../../coordination/index.js";
import type { Logger } from "../../logger.js";

/** The queue whose jobs wake an outbox worker; a job carries nothing, the rows are in the database. */
export const OUTBOX_QUEUE = "outbox";
export type OutboxJob = Record<string, never>;

/** Tells some instance's outbox worker that rows were just added, so they go out now rather than at the next reconcile. */
export type OutboxKick = () => Promise<void>;

export function outboxQueue(coordination: Coordination): JobQueue<OutboxJob> {
  return coordination.queue<OutboxJob>(OUTBOX_QUEUE);
}

/**
 * A kick never fails its caller: the rows are already committed, and when the queue is unreachable (Redis
 * down) the reconciler sends them within one tick.
 */
export function outboxKick(coordination: Coordination, logger: Logger): OutboxKick {
  const queue = outboxQueue(coordination);
  return async () => {
    try {
      await queue.add("drain", {});
    } catch (error) {
      logger.warn({ err: error }, "outbox: could not queue a wake-up; the reconciler will send the new rows");
    }
  };
}

import type { Coordination } from "../../coordination/index.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { Logger } from "../../logger.js";
import { OutboxDispatcher } from "./dispatcher.js";
import { outboxQueue } from "./kick.js";
import { DEFAULT_OUTBOX_OPTIONS, type OutboxWorkerOptions } from "./options.js";
import type { OutboundSenders } from "./send-delivery.js";

export type OutboxWorkerDependencies = {
  prisma: PrismaClient;
  coordination: Coordination;
  senders: OutboundSenders;
  logger: Logger;
  now?: () => Date;
  options?: Partial<OutboxWorkerOptions>;
};

export type OutboxWorker = {
  /** Stops taking rows and waits for the sends in flight to be recorded. Call before closing the coordination. */
  close(): Promise<void>;
};

/**
 * This instance's outbox worker. It sends when a job on the outbox queue wakes it (rows just added, a
 * retry coming due) and, as the safety net for lost jobs, crashed workers and Redis outages, every
 * `reconcileEveryMs` on its own timer.
 */
export function startOutboxWorker(deps: OutboxWorkerDependencies): OutboxWorker {
  const options = { ...DEFAULT_OUTBOX_OPTIONS, ...deps.options };
  const logger = deps.logger.child({ worker: "outbox" });
  const queue = outboxQueue(deps.coordination);
  const now = deps.now ?? (() => new Date());
  const dispatcher = new OutboxDispatcher({
    prisma: deps.prisma,
    senders: deps.senders,
    logger,
    now,
    options,
    wakeAt: async (at) => {
      // One wake-up per second is enough, whichever rows and instances ask for it.
      const second = Math.ceil(at.getTime() / 1000);
      await queue.add("drain", {}, { delayMs: Math.max(0, second * 1000 - now().getTime()), jobId: `wake-${second}` });
    },
  });
  const reconcile = () =>
    void dispatcher.drain().catch((error: unknown) => logger.error({ err: error }, "outbox: reconcile pass failed; trying again next tick"));
  queue.process(() => dispatcher.drain());
  const timer = setInterval(reconcile, options.reconcileEveryMs);
  timer.unref();
  // Rows left from before a restart go out now, not one tick later.
  reconcile();
  return {
    async close() {
      clearInterval(timer);
      await dispatcher.close();
      await queue.close();
    },
  };
}

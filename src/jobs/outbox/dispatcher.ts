import type { Delivery, PrismaClient } from "../../generated/prisma/client.js";
import type { Logger } from "../../logger.js";
import { DeliveryLease } from "./delivery-lease.js";
import type { OutboxWorkerOptions } from "./options.js";
import { retryDelayMs } from "./retry-delay.js";
import { sendDelivery, type OutboundSenders } from "./send-delivery.js";
import { classifySendFailure } from "./send-failure.js";

export type DispatcherDependencies = {
  prisma: PrismaClient;
  senders: OutboundSenders;
  logger: Logger;
  now: () => Date;
  options: OutboxWorkerOptions;
  /** Asks for a pass at `at`, when a row put off until then becomes due. Best effort: the reconciler is the safety net. */
  wakeAt: (at: Date) => Promise<void>;
};

/** Writing "sent" is retried this often before the row is left to its lease (and sent again after it). */
const SENT_RECORD_TRIES = 3;

/**
 * Sends the outbox rows that are due, each exactly once across all instances: a row is claimed with a
 * lease (see DeliveryLease) before its message goes out, and its outcome is written under that lease.
 *
 * At-least-once window: if this process dies after the platform accepted a message but before "sent" is
 * written, the row becomes due again when its lease ends and the message goes out a second time. The
 * window is one database round trip after the platform's answer, and a failed write of "sent" is retried
 * before it is given up on.
 */
export class OutboxDispatcher {
  private pass: Promise<void> | undefined;
  private passAgain = false;
  private closed = false;

  constructor(private readonly deps: DispatcherDependencies) {}

  /**
   * Sends everything due. Asked while a pass runs, it makes that pass look once more instead of starting
   * a second one, and resolves with it.
   */
  drain(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.pass) {
      this.passAgain = true;
      return this.pass;
    }
    this.pass = this.runPasses().finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  /** Stops taking rows; resolves once the sends in flight are recorded. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pass?.catch(() => undefined);
  }

  private async runPasses(): Promise<void> {
    do {
      this.passAgain = false;
      while (!this.closed) {
        const due = await this.findDue();
        if (due.length === 0) break;
        const claimed = await this.deliverAll(due);
        // Nothing claimed: another instance holds these rows; it records them, and the reconciler covers it.
        if (claimed === 0) break;
      }
    } while (this.passAgain && !this.closed);
  }

  private findDue(): Promise<Delivery[]> {
    return this.deps.prisma.delivery.findMany({
      where: { status: "pending", notBefore: { lte: this.deps.now() } },
      orderBy: [{ notBefore: "asc" }, { id: "asc" }],
      take: this.deps.options.batchSize,
    });
  }

  /** Delivers the rows `concurrency` at a time; resolves to how many this instance claimed. */
  private async deliverAll(rows: Delivery[]): Promise<number> {
    let next = 0;
    let claimed = 0;
    const lane = async () => {
      while (next < rows.length && !this.closed) {
        const row = rows[next++]!;
        try {
          if (await this.deliverOne(row)) claimed += 1;
        } catch (error) {
          // The database went away mid-row: the row keeps its lease and is picked up again after it.
          this.deps.logger.error({ err: error, deliveryId: row.id }, "outbox: could not process a delivery");
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.options.concurrency, rows.length) }, lane));
    return claimed;
  }

  private async deliverOne(row: Delivery): Promise<boolean> {
    const { prisma, options, logger } = this.deps;
    const lease = await DeliveryLease.claim(prisma, row, this.deps.now(), options.leaseMs);
    if (!lease) return false;
    try {
      await sendDelivery(prisma, this.deps.senders, row);
    } catch (error) {
      await this.recordFailure(lease, error);
      return true;
    }
    await this.recordSent(lease);
    logger.debug({ deliveryId: row.id, attempt: lease.attempt }, "outbox: delivered");
    return true;
  }

  private async recordSent(lease: DeliveryLease): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        if (!(await lease.sent(this.deps.now()))) this.leaseLost(lease);
        return;
      } catch (error) {
        if (tries >= SENT_RECORD_TRIES) {
          this.deps.logger.error({ err: error, deliveryId: lease.deliveryId }, "outbox: sent but could not record it; it goes out again after its lease");
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * tries));
      }
    }
  }

  private async recordFailure(lease: DeliveryLease, error: unknown): Promise<void> {
    const { options, logger } = this.deps;
    const failure = classifySendFailure(error);
    const now = this.deps.now().getTime();
    const details = { deliveryId: lease.deliveryId, attempt: lease.attempt, reason: failure.reason };
    let kept: boolean;
    let wakeAt: Date | undefined;
    switch (failure.kind) {
      case "permanent":
        kept = await lease.dead(failure.reason);
        logger.warn(details, "outbox: delivery is dead");
        break;
      case "throttled":
        wakeAt = new Date(now + failure.delayMs);
        kept = await lease.waitUntil(wakeAt, failure.reason);
        break;
      case "transient":
        if (lease.attempt >= options.maxAttempts) {
          kept = await lease.failed(failure.reason);
          logger.warn(details, "outbox: delivery failed after its last try");
        } else {
          wakeAt = new Date(now + retryDelayMs(lease.attempt, options.retryBaseMs, options.retryMaxMs));
          kept = await lease.retryAt(wakeAt, failure.reason);
        }
        break;
    }
    if (!kept) this.leaseLost(lease);
    if (kept && wakeAt) await this.deps.wakeAt(wakeAt).catch((wakeError: unknown) => logger.warn({ err: wakeError }, "outbox: could not schedule a wake-up; the reconciler will pick the row up"));
  }

  private leaseLost(lease: DeliveryLease): void {
    this.deps.logger.warn({ deliveryId: lease.deliveryId, attempt: lease.attempt }, "outbox: lease ran out before the outcome was recorded; another worker owns the row");
  }
}

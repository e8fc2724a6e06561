import type { Prisma, PrismaClient } from "../../generated/prisma/client.js";

type Database = Pick<PrismaClient, "delivery">;

/** A row as the worker read it: `attempts` is the version a claim compares against. */
export type DueDelivery = { id: string; attempts: number };

/**
 * One worker's hold on one pending row. Claiming bumps `attempts` (the row's version) and pushes
 * `notBefore` past the lease, in one conditional UPDATE: of several instances reading the same row, only
 * one matches. Every later write is conditional on that version too, so a worker whose lease ran out
 * (it stalled longer than the lease and someone else took the row) changes nothing.
 */
export class DeliveryLease {
  private constructor(
    private readonly db: Database,
    readonly deliveryId: string,
    /** The try this lease is, counting from 1; also the row's `attempts` while the lease is held. */
    readonly attempt: number,
  ) {}

  /** The lease, or undefined when the row is no longer pending and due at that version. */
  static async claim(db: Database, row: DueDelivery, now: Date, leaseMs: number): Promise<DeliveryLease | undefined> {
    const attempt = row.attempts + 1;
    const { count } = await db.delivery.updateMany({
      where: { id: row.id, status: "pending", attempts: row.attempts, notBefore: { lte: now } },
      data: { attempts: attempt, notBefore: new Date(now.getTime() + leaseMs) },
    });
    return count === 1 ? new DeliveryLease(db, row.id, attempt) : undefined;
  }

  /** The platform accepted the message. */
  sent(now: Date): Promise<boolean> {
    return this.settle({ status: "sent", sentAt: now, lastError: null });
  }

  /** Retrying cannot help (no send method, robot removed, unbound teacher). */
  dead(reason: string): Promise<boolean> {
    return this.settle({ status: "dead", lastError: reason });
  }

  /** Gave up after the last allowed try. */
  failed(reason: string): Promise<boolean> {
    return this.settle({ status: "failed", lastError: reason });
  }

  /** Tries again at `at`; this try counts. */
  retryAt(at: Date, reason: string): Promise<boolean> {
    return this.settle({ notBefore: at, lastError: reason });
  }

  /** Tries again at `at` without counting this try: the platform or our limiter said "not now". */
  waitUntil(at: Date, reason: string): Promise<boolean> {
    return this.settle({ attempts: this.attempt - 1, notBefore: at, lastError: reason });
  }

  /** False when the lease had been lost and the row was left alone. */
  private async settle(data: Prisma.DeliveryUpdateManyMutationInput): Promise<boolean> {
    const { count } = await this.db.delivery.updateMany({
      where: { id: this.deliveryId, status: "pending", attempts: this.attempt },
      data,
    });
    return count === 1;
  }
}

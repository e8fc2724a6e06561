import { enqueueDeliveries, type NewDelivery } from "../../domain/outbox.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

/** One run of a scheduled message: which kind, about what (a group, an assignment, a teacher), and when. */
export type ReminderRun = { kind: "weekly_digest" | "deadline_reminder" | "annual_nudge" | "start_reminder"; scope: string; period: string };

/**
 * Claims `run` and puts its messages in the outbox in one transaction. Only the first claimant gets true:
 * a second instance racing on the same run waits on the unique (kind, scope, period) row and then finds it
 * taken; a worker that dies before committing leaves neither the claim nor the messages, so a re-run sends
 * them. The deliveries' own idempotency keys guard against anything the claim does not cover.
 */
export async function claimAndEnqueue(prisma: PrismaClient, run: ReminderRun, deliveries: NewDelivery[]): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.reminderClaim.createMany({ data: [run], skipDuplicates: true });
    if (count === 0) return false;
    await enqueueDeliveries(tx, deliveries);
    return true;
  });
}

/** Whether `run` has already been claimed; lets a producer skip the work of composing its messages. */
export async function alreadyClaimed(prisma: Pick<PrismaClient, "reminderClaim">, run: ReminderRun): Promise<boolean> {
  const found = await prisma.reminderClaim.findUnique({ where: { kind_scope_period: run }, select: { id: true } });
  return found !== null;
}

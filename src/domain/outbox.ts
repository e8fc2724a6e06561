import type { Prisma, PrismaClient } from "../generated/prisma/client.js";

export type NewDelivery = Omit<
  Prisma.DeliveryUncheckedCreateInput,
  "id" | "status" | "attempts" | "lastError" | "createdAt" | "updatedAt" | "sentAt"
>;

type Writer = Pick<PrismaClient, "delivery">;

/**
 * Puts messages in the outbox. Rows whose idempotency key is already there are left alone, so a producer
 * that runs twice (two instances, a retried job) adds nothing. Returns how many rows are new.
 */
export async function enqueueDeliveries(prisma: Writer, deliveries: NewDelivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  const { count } = await prisma.delivery.createMany({ data: deliveries, skipDuplicates: true });
  return count;
}

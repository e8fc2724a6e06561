import type { PrismaClient } from "../generated/prisma/client.js";

export type NoticeProgress = {
  groups: number;
  delivered: number;
  pending: number;
  failed: number;
  dead: number;
  /** Every group the notice did not reach, and why, for the administrator to fix. */
  failures: { deliveryId: string; groupId: string | null; groupName: string | null; status: "failed" | "dead"; reason: string | null; attempts: number }[];
};

/** How far a notice got: counts by delivery status, and each failure with its group and reason. */
export async function noticeProgress(prisma: Pick<PrismaClient, "delivery">, noticeId: string): Promise<NoticeProgress> {
  const deliveries = await prisma.delivery.findMany({
    where: { noticeId },
    include: { group: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const count = (status: string) => deliveries.filter((delivery) => delivery.status === status).length;
  return {
    groups: deliveries.length,
    delivered: count("sent"),
    pending: count("pending"),
    failed: count("failed"),
    dead: count("dead"),
    failures: deliveries.flatMap((delivery) =>
      delivery.status === "failed" || delivery.status === "dead"
        ? [{ deliveryId: delivery.id, groupId: delivery.groupId, groupName: delivery.group?.name ?? null, status: delivery.status, reason: delivery.lastError, attempts: delivery.attempts }]
        : [],
    ),
  };
}

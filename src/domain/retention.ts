import type { PrismaClient } from "../generated/prisma/client.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The range PATCH /region accepts for Region.retentionDays. */
export const RETENTION_DAYS = { min: 30, max: 3650 } as const;

export type RetentionOutcome = { deliveriesPurged: number; botSessionsDeleted: number };

/**
 * Keeps delivered texts and chat sessions no longer than each region says (Region.retentionDays): a
 * delivery in a final state (sent, failed, dead) created before the region's cut-off loses its text and
 * @-mentions and gets `purgedAt`; the row stays, so counts and failure reasons survive. Chat sessions that
 * have expired are deleted (they are useless once expired, whatever the retention). Running it again
 * changes nothing more.
 */
export async function applyRetention(prisma: PrismaClient, now: Date): Promise<RetentionOutcome> {
  let deliveriesPurged = 0;
  for (const region of await prisma.region.findMany({ select: { id: true, retentionDays: true } })) {
    const { count } = await prisma.delivery.updateMany({
      where: {
        regionId: region.id,
        status: { in: ["sent", "failed", "dead"] },
        purgedAt: null,
        createdAt: { lt: new Date(now.getTime() - region.retentionDays * DAY_MS) },
      },
      data: { content: "", mentions: [], purgedAt: now },
    });
    deliveriesPurged += count;
  }
  const { count: botSessionsDeleted } = await prisma.botSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return { deliveriesPurged, botSessionsDeleted };
}

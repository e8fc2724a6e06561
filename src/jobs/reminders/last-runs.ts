import type { PrismaClient } from "../../generated/prisma/client.js";

export type ReminderRunSummary = {
  kind: string;
  /** "2026-W48" for digests, the local date for deadline reminders, a year for nudges. */
  period: string;
  /** Groups, assignments or teachers claimed in that run. */
  claims: number;
  firstClaimedAt: Date;
  lastClaimedAt: Date;
};

/** The most recent reminder runs, newest first, from their claims: what the admin view shows as "last runs". */
export async function lastRuns(prisma: Pick<PrismaClient, "reminderClaim">, limit = 20): Promise<ReminderRunSummary[]> {
  const rows = await prisma.reminderClaim.groupBy({
    by: ["kind", "period"],
    _count: { _all: true },
    _min: { claimedAt: true },
    _max: { claimedAt: true },
    orderBy: { _max: { claimedAt: "desc" } },
    take: limit,
  });
  return rows.map((row) => ({
    kind: row.kind,
    period: row.period,
    claims: row._count._all,
    firstClaimedAt: row._min.claimedAt ?? new Date(0),
    lastClaimedAt: row._max.claimedAt ?? new Date(0),
  }));
}

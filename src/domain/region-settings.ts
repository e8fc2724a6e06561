import type { LateListStyle, PrismaClient, Region } from "../generated/prisma/client.js";
import { requireRole, type Actor } from "./actors.js";
import { audit } from "./audit.js";

export type RegionSettings = {
  bindingRequiresCode?: boolean | undefined;
  retentionDays?: number | undefined;
  /** How late-lists read in groups: names (@-mentions) or counts only ("还有 3 位老师没交"). */
  lateListInGroups?: LateListStyle | undefined;
};

/** A region administrator changes her region's settings; the change and its audit row are written together. */
export async function updateRegionSettings(prisma: PrismaClient, actor: Actor, changes: RegionSettings): Promise<Region> {
  requireRole(actor, "region_admin");
  return prisma.$transaction(async (tx) => {
    const updated = await tx.region.update({ where: { id: actor.regionId }, data: changes });
    await audit(tx, actor, "update", "region", updated.id, changes);
    return updated;
  });
}

import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";

type Writer = Pick<PrismaClient, "auditLog">;

/**
 * Who changed what: one row per administrative write, with the person's 工号 as the actor — or, for a
 * chat account not yet known as anyone (a binding attempt), `platform:senderId`.
 */
export async function audit(
  prisma: Writer,
  actor: Pick<Actor, "employeeNumber" | "regionId"> | string,
  action: string,
  entity: string,
  entityId: string | null,
  detail?: Prisma.InputJsonValue,
): Promise<void> {
  await prisma.auditLog.create({
    data: {
      ...(typeof actor === "string" ? { actor } : { actor: actor.employeeNumber, regionId: actor.regionId }),
      action,
      entity,
      entityId,
      ...(detail === undefined ? {} : { detail }),
    },
  });
}

import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";

type Writer = Pick<PrismaClient, "auditLog">;

/** Who changed what: one row per administrative write, with the person's 工号 as the actor. */
export async function audit(
  prisma: Writer,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | null,
  detail?: Prisma.InputJsonValue,
): Promise<void> {
  await prisma.auditLog.create({
    data: { actor: actor.employeeNumber, action, entity, entityId, ...(detail === undefined ? {} : { detail }) },
  });
}

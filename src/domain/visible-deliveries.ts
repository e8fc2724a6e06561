import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";
import { DomainError } from "./errors.js";

/**
 * The deliveries an administrator may look at: a region administrator the whole region's, a school
 * administrator those that went to the school's groups or to its teachers directly. Anyone else is refused.
 */
export async function visibleDeliveries(prisma: Pick<PrismaClient, "teacher">, actor: Actor): Promise<Prisma.DeliveryWhereInput> {
  if (actor.scope.kind === "region") return { regionId: actor.regionId };
  if (actor.scope.kind !== "school") throw new DomainError("forbidden", "这项操作需要学校管理员或区域管理员权限。", { kind: "forbidden" });
  const teachers = await prisma.teacher.findMany({ where: { schoolId: actor.scope.schoolId }, select: { id: true } });
  return { regionId: actor.regionId, OR: [{ group: { schoolId: actor.scope.schoolId } }, { teacherId: { in: teachers.map((t) => t.id) } }] };
}

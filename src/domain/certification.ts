import type { PrismaClient } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";
import { requireRole } from "./actors.js";
import { audit } from "./audit.js";
import { DomainError } from "./errors.js";

/**
 * Certifies a (calendar or training) year for every active teacher of the actor's region, or of one
 * school (A5: 每年至少认定一次). Teachers already certified for that year keep their first certification.
 */
export async function certifyYear(
  prisma: PrismaClient,
  request: { actor: Actor; year: number; schoolId?: string; note?: string; now: Date },
): Promise<{ certified: number; alreadyCertified: number }> {
  requireRole(request.actor, "region_admin");
  const currentYear = request.now.getUTCFullYear();
  if (!Number.isInteger(request.year) || request.year < 2000 || request.year > currentYear) {
    throw new DomainError("invalid_year", `年度应在 2000 到 ${currentYear} 之间。`, { field: "year" });
  }
  const teachers = await prisma.teacher.findMany({
    where: { regionId: request.actor.regionId, active: true, ...(request.schoolId ? { schoolId: request.schoolId } : {}) },
    select: { id: true },
  });
  const { count } = await prisma.yearCertification.createMany({
    data: teachers.map((teacher) => ({
      teacherId: teacher.id,
      year: request.year,
      certifiedBy: request.actor.employeeNumber,
      certifiedAt: request.now,
      note: request.note ?? null,
    })),
    skipDuplicates: true,
  });
  await audit(prisma, request.actor, "certify", "year", String(request.year), { schoolId: request.schoolId ?? null, certified: count });
  return { certified: count, alreadyCertified: teachers.length - count };
}

import type { PrismaClient, Teacher } from "../generated/prisma/client.js";

/** Who a teacher turns to about her records: a person by name, and what they are to her. */
export type Contact = { name: string; role: "school_admin" | "region_admin" };

/**
 * The teacher's own school administrator, or the region's administrator when her school has none (or she
 * is its only one). Undefined when the region has nobody in either role.
 */
export async function contactFor(prisma: PrismaClient, teacher: Pick<Teacher, "id" | "regionId" | "schoolId">): Promise<Contact | undefined> {
  const active = { regionId: teacher.regionId, active: true, erasedAt: null, id: { not: teacher.id } };
  if (teacher.schoolId !== null) {
    const schoolAdmin = await prisma.teacher.findFirst({
      where: { ...active, schoolId: teacher.schoolId, roles: { has: "school_admin" } },
      orderBy: { employeeNumber: "asc" },
    });
    if (schoolAdmin) return { name: schoolAdmin.name, role: "school_admin" };
  }
  const regionAdmin = await prisma.teacher.findFirst({ where: { ...active, roles: { has: "region_admin" } }, orderBy: { employeeNumber: "asc" } });
  return regionAdmin ? { name: regionAdmin.name, role: "region_admin" } : undefined;
}

import type { PrismaClient, Role, Teacher } from "../generated/prisma/client.js";

/** Who a teacher turns to about her records: a person by name, and what they are to her. */
export type Contact = { name: string; role: "school_admin" | "region_admin" };

type Candidate = Pick<Teacher, "name" | "roles" | "employeeNumber">;

function firstWith(role: Role, candidates: readonly Candidate[]): Candidate | undefined {
  return candidates.filter((candidate) => candidate.roles.includes(role)).sort((a, b) => (a.employeeNumber < b.employeeNumber ? -1 : 1))[0];
}

/**
 * The teacher's own school administrator, or the region's administrator when her school has none (or she
 * is its only one). Undefined when nobody holds either role. Roles are matched in memory, as elsewhere: a
 * school is small, region administrators sit outside schools, and the embedded database's adapter cannot
 * filter an enum array.
 */
export async function contactFor(prisma: PrismaClient, teacher: Pick<Teacher, "id" | "regionId" | "schoolId">): Promise<Contact | undefined> {
  const others = { regionId: teacher.regionId, active: true, erasedAt: null, id: { not: teacher.id } };
  const select = { name: true, roles: true, employeeNumber: true } as const;
  if (teacher.schoolId !== null) {
    const colleagues = await prisma.teacher.findMany({ where: { ...others, schoolId: teacher.schoolId }, select });
    const schoolAdmin = firstWith("school_admin", colleagues);
    if (schoolAdmin) return { name: schoolAdmin.name, role: "school_admin" };
  }
  const regionAdmin = firstWith("region_admin", await prisma.teacher.findMany({ where: { ...others, schoolId: null }, select }));
  return regionAdmin ? { name: regionAdmin.name, role: "region_admin" } : undefined;
}

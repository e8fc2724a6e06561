import type { Assignment, PrismaClient } from "../generated/prisma/client.js";

type Reader = Pick<PrismaClient, "enrollment" | "teacher" | "trainingProject">;

/**
 * Who owes an assignment: the teachers enrolled in its project, or — for projects whose participant list
 * the schools send in rather than taking enrollments — every active teacher of the project's region.
 */
export async function assigneeIdsOf(prisma: Reader, assignment: Pick<Assignment, "projectId">): Promise<string[]> {
  const project = await prisma.trainingProject.findUniqueOrThrow({ where: { id: assignment.projectId } });
  if (project.enrollmentDeadline) {
    const enrolled = await prisma.enrollment.findMany({
      where: { projectId: project.id, status: "enrolled", teacher: { active: true } },
      select: { teacherId: true },
    });
    return enrolled.map((row) => row.teacherId);
  }
  // Roles are filtered here, not in SQL: the PGlite adapter cannot pass an enum-array filter value.
  const teachers = await prisma.teacher.findMany({
    where: { regionId: project.regionId, active: true },
    select: { id: true, roles: true },
  });
  return teachers.filter((row) => row.roles.includes("teacher")).map((row) => row.id);
}

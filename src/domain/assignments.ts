import type { Assignment, PrismaClient, Submission, Teacher, TrainingProject } from "../generated/prisma/client.js";
import { fromDbDate, type DateOnly } from "./calendar.js";

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

export type AssignedWork = {
  assignment: Assignment & { project: TrainingProject };
  submission: Submission | null;
  overdue: boolean;
};

/** Still to hand in or fix: nothing approved yet. */
export function isOpen(work: AssignedWork): boolean {
  return work.submission?.status !== "approved";
}

/**
 * What a teacher still has to hand in or fix, soonest due first: everything assigned to them that has no
 * approved submission. The order is stable, so "交作业 2" means the second line of「我的作业」.
 */
export async function openAssignmentsFor(
  prisma: PrismaClient,
  teacher: Pick<Teacher, "id" | "regionId">,
  today: DateOnly,
): Promise<AssignedWork[]> {
  return (await assignmentsOf(prisma, teacher, today)).filter(isOpen);
}

/** Everything assigned to a teacher, soonest due first, each with their submission if any (approved ones too). */
export async function assignmentsOf(
  prisma: PrismaClient,
  teacher: Pick<Teacher, "id" | "regionId">,
  today: DateOnly,
): Promise<AssignedWork[]> {
  const assignments = await prisma.assignment.findMany({
    where: {
      project: {
        regionId: teacher.regionId,
        OR: [{ enrollmentDeadline: null }, { enrollments: { some: { teacherId: teacher.id, status: "enrolled" } } }],
      },
    },
    include: { project: true, submissions: { where: { teacherId: teacher.id } } },
    orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return assignments
    .map(({ submissions, ...assignment }) => ({
      assignment,
      submission: submissions[0] ?? null,
      overdue: fromDbDate(assignment.dueOn) < today,
    }));
}

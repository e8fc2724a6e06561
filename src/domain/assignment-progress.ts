import { assigneeIdsOf } from "./assignments.js";
import type { PrismaClient, School, Submission, Teacher } from "../generated/prisma/client.js";

export type RosterTeacher = Teacher & { school: School | null };
export type AssigneeProgress = { teacher: RosterTeacher; submission: Submission | null };

/** A region's teachers with their schools, by 工号: load once when many assignments are looked at. */
export function rosterOf(prisma: PrismaClient, regionId: string): Promise<RosterTeacher[]> {
  return prisma.teacher.findMany({ where: { regionId }, include: { school: true }, orderBy: { employeeNumber: "asc" } });
}

/**
 * Everyone who owes the assignment within the audience (one school, or the whole region when schoolId is
 * null), by 工号, each with their submission if any. Teachers and submissions are matched in memory, not
 * with an id list per query, so a 9,000-teacher region costs two plain reads per assignment.
 */
export async function progressOf(
  prisma: PrismaClient,
  assignment: { id: string; projectId: string },
  schoolId: string | null,
  roster?: RosterTeacher[],
): Promise<AssigneeProgress[]> {
  const [assigneeIds, submissions, teachers] = await Promise.all([
    assigneeIdsOf(prisma, assignment),
    prisma.submission.findMany({ where: { assignmentId: assignment.id } }),
    roster ??
      prisma.trainingProject
        .findUniqueOrThrow({ where: { id: assignment.projectId }, select: { regionId: true } })
        .then((project) => rosterOf(prisma, project.regionId)),
  ]);
  const owes = new Set(assigneeIds);
  const byTeacher = new Map(submissions.map((submission) => [submission.teacherId, submission]));
  return teachers
    .filter((teacher) => owes.has(teacher.id) && (schoolId === null || teacher.schoolId === schoolId))
    .map((teacher) => ({ teacher, submission: byTeacher.get(teacher.id) ?? null }));
}

/** Still owes work: nothing handed in, or handed in and sent back. Work waiting for review is not owed. */
export const owesWork = (submission: Pick<Submission, "status"> | null) => submission === null || submission.status === "rejected";

export const stillOwes = (progress: AssigneeProgress) => owesWork(progress.submission);

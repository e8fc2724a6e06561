import { assigneeIdsOf } from "../../../domain/assignments.js";
import type { PrismaClient, School, Submission, Teacher } from "../../../generated/prisma/client.js";

export type AssigneeProgress = { teacher: Teacher & { school: School | null }; submission: Submission | null };

/**
 * Everyone who owes the assignment within the audience (one school, or the whole region when schoolId is
 * null), by 工号, each with their submission if any.
 */
export async function progressOf(
  prisma: PrismaClient,
  assignment: { id: string; projectId: string },
  schoolId: string | null,
): Promise<AssigneeProgress[]> {
  const assigneeIds = await assigneeIdsOf(prisma, assignment);
  const teachers = await prisma.teacher.findMany({
    where: { id: { in: assigneeIds }, ...(schoolId === null ? {} : { schoolId }) },
    include: { school: true },
    orderBy: { employeeNumber: "asc" },
  });
  const submissions = await prisma.submission.findMany({
    where: { assignmentId: assignment.id, teacherId: { in: teachers.map((teacher) => teacher.id) } },
  });
  const byTeacher = new Map(submissions.map((submission) => [submission.teacherId, submission]));
  return teachers.map((teacher) => ({ teacher, submission: byTeacher.get(teacher.id) ?? null }));
}

/** Still owes work: nothing handed in, or handed in and sent back. */
export const stillOwes = (progress: AssigneeProgress) => progress.submission === null || progress.submission.status === "rejected";

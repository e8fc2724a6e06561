import type { Enrollment, PrismaClient, TrainingProject } from "../generated/prisma/client.js";
import { fromDbDate, type DateOnly } from "./calendar.js";
import { DomainError } from "./errors.js";

export type EnrollmentOutcome = {
  enrollment: Enrollment;
  project: TrainingProject;
  /** True when the teacher had already enrolled; asking twice is not an error. */
  alreadyEnrolled: boolean;
  seatsLeft: number | null;
};

/**
 * Enrolls a teacher in a project of their region, or refuses with the reason. The project row is locked
 * for the count-and-insert, so two teachers racing for the last seat cannot both get it.
 */
export async function enroll(
  prisma: PrismaClient,
  request: { teacherId: string; projectCode: string; today: DateOnly },
): Promise<EnrollmentOutcome> {
  return prisma.$transaction(async (tx) => {
    const teacher = await tx.teacher.findUnique({ where: { id: request.teacherId } });
    if (!teacher || !teacher.active) {
      throw new DomainError("teacher_inactive", "你的账号不在花名册中或已停用，请联系学校管理员。");
    }
    const code = request.projectCode.trim().toUpperCase();
    const project = await tx.trainingProject.findUnique({
      where: { regionId_code: { regionId: teacher.regionId, code } },
    });
    if (!project) {
      throw new DomainError("project_not_found", `找不到培训项目 ${code}，请核对项目编号。`, {
        field: "projectCode",
        kind: "not_found",
      });
    }
    await tx.$executeRaw`SELECT 1 FROM "TrainingProject" WHERE id = ${project.id} FOR UPDATE`;

    const existing = await tx.enrollment.findUnique({
      where: { projectId_teacherId: { projectId: project.id, teacherId: teacher.id } },
    });
    if (existing?.status === "enrolled") {
      return { enrollment: existing, project, alreadyEnrolled: true, seatsLeft: await seatsLeft(tx, project) };
    }
    refuseIfClosed(project, request.today);
    const left = await seatsLeft(tx, project);
    if (left !== null && left <= 0) {
      throw new DomainError("quota_full", `${code} 的名额（${project.quota} 人）已经报满了。`, { kind: "conflict" });
    }
    const enrollment = existing
      ? await tx.enrollment.update({ where: { id: existing.id }, data: { status: "enrolled", enrolledAt: new Date() } })
      : await tx.enrollment.create({ data: { projectId: project.id, teacherId: teacher.id } });
    return { enrollment, project, alreadyEnrolled: false, seatsLeft: left === null ? null : left - 1 };
  });
}

function refuseIfClosed(project: TrainingProject, today: DateOnly): void {
  if (!project.approvedAt) {
    // A2: an unapproved project would earn nothing, so it cannot take enrollments either.
    throw new DomainError("project_not_approved", `${project.code} 还没有通过教育行政部门审核，暂不能报名。`);
  }
  if (!project.enrollmentDeadline) {
    throw new DomainError("enrollment_not_open", `${project.code} 不开放个人报名，名单由学校统一报送。`);
  }
  const deadline = fromDbDate(project.enrollmentDeadline);
  if (today > deadline) {
    throw new DomainError("enrollment_closed", `${project.code} 的报名已于 ${deadline} 截止。`);
  }
  if (today >= fromDbDate(project.startsOn)) {
    throw new DomainError("project_started", `${project.code} 已经开始培训，不能再报名了。`);
  }
}

type Counter = Pick<PrismaClient, "enrollment">;

async function seatsLeft(tx: Counter, project: TrainingProject): Promise<number | null> {
  if (project.quota === null) return null;
  const taken = await tx.enrollment.count({ where: { projectId: project.id, status: "enrolled" } });
  return project.quota - taken;
}

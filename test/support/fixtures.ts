import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../../src/generated/prisma/client.js";
import { toDbDate } from "../../src/domain/calendar.js";

/** Small builders for the rows most tests need; every value can be overridden. */
export function fixtures(prisma: PrismaClient) {
  return {
    region: (data: Partial<Prisma.RegionUncheckedCreateInput> = {}) =>
      prisma.region.create({ data: { code: `r-${randomUUID().slice(0, 8)}`, name: "测试区", policy: "bozhou", ...data } }),
    school: (regionId: string, data: Partial<Prisma.SchoolUncheckedCreateInput> = {}) =>
      prisma.school.create({ data: { regionId, code: `S-${randomUUID().slice(0, 6)}`, name: "测试学校", ...data } }),
    teacher: (regionId: string, data: Partial<Prisma.TeacherUncheckedCreateInput> = {}) =>
      prisma.teacher.create({
        data: { regionId, employeeNumber: `E${randomUUID().slice(0, 8)}`, name: "测试老师", ...data },
      }),
    project: (regionId: string, data: Partial<Prisma.TrainingProjectUncheckedCreateInput> = {}) =>
      prisma.trainingProject.create({
        data: {
          regionId,
          code: `P-${randomUUID().slice(0, 6).toUpperCase()}`,
          title: "测试培训",
          level: "county",
          mode: "centralized",
          category: "required",
          hours: 24,
          startsOn: toDbDate("2026-12-10"),
          endsOn: toDbDate("2026-12-12"),
          enrollmentDeadline: toDbDate("2026-12-01"),
          approvedBy: "A0001",
          approvedAt: new Date("2026-11-01T00:00:00Z"),
          ...data,
        },
      }),
    assignment: (projectId: string, data: Partial<Prisma.AssignmentUncheckedCreateInput> = {}) =>
      prisma.assignment.create({
        data: { projectId, title: "培训心得", kind: "reflection", dueOn: toDbDate("2026-11-30"), minimumLength: 1000, ...data },
      }),
    enrollment: (projectId: string, teacherId: string) => prisma.enrollment.create({ data: { projectId, teacherId } }),
  };
}

import { describe, expect, it } from "vitest";
import { toDbDate } from "../../src/domain/calendar.js";
import { enroll } from "../../src/domain/enrollment.js";
import { DomainError } from "../../src/domain/errors.js";
import { databaseKinds } from "../support/database.js";
import { fixtureSuite } from "../support/fixture-suite.js";
import { refusal } from "../support/refusal.js";

const today = "2026-11-23";

describe.each(databaseKinds)("enrollment on %s", (kind) => {
  const suite = fixtureSuite(kind);

  it("enrolls a teacher, counts the seat, and treats a second request as already done", async () => {
    const teacher = await suite.make.teacher(suite.regionId);
    const project = await suite.make.project(suite.regionId, { quota: 3 });
    const first = await enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: project.code.toLowerCase(), today });
    expect(first.alreadyEnrolled).toBe(false);
    expect(first.seatsLeft).toBe(2);
    const second = await enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: ` ${project.code} `, today });
    expect(second.alreadyEnrolled).toBe(true);
    expect(second.seatsLeft).toBe(2);
    expect(await suite.database.prisma.enrollment.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("never gives more seats than the quota, even when teachers race for the last ones", async () => {
    const project = await suite.make.project(suite.regionId, { quota: 2 });
    const teachers = await Promise.all(Array.from({ length: 6 }, () => suite.make.teacher(suite.regionId)));
    const outcomes = await Promise.allSettled(
      teachers.map((t) => enroll(suite.database.prisma, { teacherId: t.id, projectCode: project.code, today })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused.map((o) => (o.reason as DomainError).code)).toEqual(Array(4).fill("quota_full"));
    expect((refused[0]!.reason as DomainError).message).toContain("名额（2 人）已经报满");
    expect(await suite.database.prisma.enrollment.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("refuses with a reason for each closed door, and stores nothing", async () => {
    const teacher = await suite.make.teacher(suite.regionId);
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: "P-NOPE", today }), "project_not_found", /P-NOPE/],
      [
        () => suite.make.project(suite.regionId, { approvedAt: null }).then((p) => enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: p.code, today })),
        "project_not_approved",
        /审核/,
      ],
      [
        () => suite.make.project(suite.regionId, { enrollmentDeadline: toDbDate("2026-11-22") }).then((p) => enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: p.code, today })),
        "enrollment_closed",
        /2026-11-22 截止/,
      ],
      [
        () => suite.make.project(suite.regionId, { enrollmentDeadline: null }).then((p) => enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: p.code, today })),
        "enrollment_not_open",
        /学校统一报送/,
      ],
      [
        () => suite.make.project(suite.regionId, { startsOn: toDbDate("2026-11-23"), enrollmentDeadline: toDbDate("2026-11-30") }).then((p) =>
          enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: p.code, today }),
        ),
        "project_started",
        /已经开始/,
      ],
    ];
    for (const [attempt, code, message] of cases) {
      const error = await refusal(attempt());
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(await suite.database.prisma.enrollment.count({ where: { teacherId: teacher.id } })).toBe(0);
  });

  it("does not let a teacher see or join another region's project", async () => {
    const otherRegion = await suite.make.region();
    const project = await suite.make.project(otherRegion.id);
    const teacher = await suite.make.teacher(suite.regionId);
    const error = await refusal(enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: project.code, today }));
    expect(error.code).toBe("project_not_found");
  });

  it("refuses a teacher who has left the roster", async () => {
    const teacher = await suite.make.teacher(suite.regionId, { active: false });
    const project = await suite.make.project(suite.regionId);
    const error = await refusal(enroll(suite.database.prisma, { teacherId: teacher.id, projectCode: project.code, today }));
    expect(error.code).toBe("teacher_inactive");
  });
});

import type { Evaluation, Policy } from "../credits/index.js";
import type { PrismaClient, Region, School, Teacher } from "../generated/prisma/client.js";
import { evaluateTeacher } from "./balance.js";
import { todayIn, type DateOnly } from "./calendar.js";
import { DomainError } from "./errors.js";
import { policyOfRegion } from "./policies.js";
import { canSee, type AccessScope } from "./scope.js";

export type SchoolReport = {
  school: School;
  region: Region;
  policy: Policy;
  asOf: DateOnly;
  teachers: { teacher: Teacher; evaluation: Evaluation }[];
};

/** Every active teacher of a school evaluated as of a date, loading the whole school in three queries. */
export async function schoolReport(
  prisma: PrismaClient,
  request: { scope: AccessScope; schoolId: string; now: Date; asOf?: DateOnly },
): Promise<SchoolReport> {
  const school = await prisma.school.findUnique({ where: { id: request.schoolId }, include: { region: true } });
  if (!school || !canSee(request.scope, { regionId: school.regionId, schoolId: school.id }) || request.scope.kind === "self") {
    throw new DomainError("school_not_found", "找不到这所学校。", { kind: "not_found" });
  }
  const { region, ...schoolRow } = school;
  const policy = policyOfRegion(region);
  const asOf = request.asOf ?? todayIn(region.timezone, request.now);
  const teachers = (
    await prisma.teacher.findMany({ where: { schoolId: school.id, active: true }, orderBy: { employeeNumber: "asc" } })
  ).filter((teacher) => teacher.roles.includes("teacher"));
  const ids = teachers.map((teacher) => teacher.id);
  const [entries, assessments, certifications] = await Promise.all([
    prisma.ledgerEntry.findMany({ where: { teacherId: { in: ids } } }),
    prisma.assessment.findMany({ where: { teacherId: { in: ids } } }),
    prisma.yearCertification.findMany({ where: { teacherId: { in: ids } } }),
  ]);
  const group = <T extends { teacherId: string }>(rows: T[]) => {
    const byTeacher = new Map<string, T[]>();
    for (const row of rows) {
      const list = byTeacher.get(row.teacherId);
      if (list) list.push(row);
      else byTeacher.set(row.teacherId, [row]);
    }
    return (id: string) => byTeacher.get(id) ?? [];
  };
  const [entriesOf, assessmentsOf, certificationsOf] = [group(entries), group(assessments), group(certifications)];
  return {
    school: schoolRow,
    region,
    policy,
    asOf,
    teachers: teachers.map((teacher) => ({
      teacher,
      evaluation: evaluateTeacher(
        policy,
        teacher,
        { entries: entriesOf(teacher.id), assessments: assessmentsOf(teacher.id), certifications: certificationsOf(teacher.id) },
        asOf,
      ),
    })),
  };
}

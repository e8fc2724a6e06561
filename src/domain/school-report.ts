import type { Evaluation, Policy } from "../credits/index.js";
import type { PrismaClient, Region, School, Teacher } from "../generated/prisma/client.js";
import { evaluateTeacher, PROJECT_TITLE } from "./balance.js";
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

/** Every active teacher of a school evaluated as of a date, loading the whole school in four queries. */
export async function schoolReport(
  prisma: PrismaClient,
  request: { scope: AccessScope; schoolId: string; now: Date; asOf?: DateOnly },
): Promise<SchoolReport> {
  const school = await prisma.school.findUnique({ where: { id: request.schoolId }, include: { region: true } });
  if (!school || !canSee(request.scope, { regionId: school.regionId, schoolId: school.id }) || request.scope.kind === "self") {
    throw new DomainError("school_not_found", "找不到这所学校。", { kind: "not_found" });
  }
  const { region, ...schoolRow } = school;
  const asOf = request.asOf ?? todayIn(region.timezone, request.now);
  const teachers = await prisma.teacher.findMany({ where: { schoolId: school.id, active: true }, orderBy: { employeeNumber: "asc" } });
  const { policy, evaluated } = await evaluateRoster(prisma, region, teachers, { schoolId: school.id }, asOf);
  return { school: schoolRow, region, policy, asOf, teachers: evaluated };
}

export type RegionReport = Omit<SchoolReport, "school" | "teachers"> & {
  teachers: { teacher: Teacher & { school: School | null }; evaluation: Evaluation }[];
};

/** Every active teacher of a region evaluated as of a date, for region administrators; the same evaluation as a school's. */
export async function regionReport(
  prisma: PrismaClient,
  request: { scope: AccessScope; regionId: string; now: Date; asOf?: DateOnly },
): Promise<RegionReport> {
  const region = await prisma.region.findUnique({ where: { id: request.regionId } });
  if (!region || request.scope.kind !== "region" || request.scope.regionId !== region.id) {
    throw new DomainError("region_not_found", "找不到这个地区。", { kind: "not_found" });
  }
  const asOf = request.asOf ?? todayIn(region.timezone, request.now);
  const teachers = await prisma.teacher.findMany({
    where: { regionId: region.id, active: true },
    include: { school: true },
    orderBy: { employeeNumber: "asc" },
  });
  const { policy, evaluated } = await evaluateRoster(prisma, region, teachers, { regionId: region.id }, asOf);
  return { region, policy, asOf, teachers: evaluated };
}

/**
 * Those of `people` who hold the teacher role, evaluated from the rows of everyone `owners` matches, read in
 * three queries by school or region rather than with a list of thousands of ids.
 */
async function evaluateRoster<T extends Teacher>(
  prisma: PrismaClient,
  region: Region,
  people: T[],
  owners: { schoolId: string } | { regionId: string },
  asOf: DateOnly,
) {
  const policy = policyOfRegion(region);
  const teachers = people.filter((teacher) => teacher.roles.includes("teacher"));
  const where = { teacher: owners };
  const [entries, assessments, certifications] = await Promise.all([
    prisma.ledgerEntry.findMany({ where, include: PROJECT_TITLE }),
    prisma.assessment.findMany({ where }),
    prisma.yearCertification.findMany({ where }),
  ]);
  const group = <R extends { teacherId: string }>(rows: R[]) => {
    const byTeacher = new Map<string, R[]>();
    for (const row of rows) {
      const list = byTeacher.get(row.teacherId);
      if (list) list.push(row);
      else byTeacher.set(row.teacherId, [row]);
    }
    return (id: string) => byTeacher.get(id) ?? [];
  };
  const [entriesOf, assessmentsOf, certificationsOf] = [group(entries), group(assessments), group(certifications)];
  return {
    policy,
    evaluated: teachers.map((teacher) => ({
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

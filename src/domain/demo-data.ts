import { PRESETS } from "../credits/index.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { addDays, toDbDate, type DateOnly } from "./calendar.js";

/**
 * A small region to try the bot with: 博州 rules, two schools, teachers T0001–T0010 with five years of
 * ledger (some complete, some short for different reasons), region admin A0001, one project open for
 * enrollment and one assignment due in a week. Later issues extend it; these numbers stay stable because
 * the README and tests refer to them.
 */
export const DEMO_REGION_CODE = "demo-bozhou";

type LedgerRecord = Omit<Prisma.LedgerEntryUncheckedCreateInput, "teacherId" | "idempotencyKey" | "recordedBy">;

type DemoTeacher = {
  employeeNumber: string;
  name: string;
  school: "S01" | "S02";
  roles: ("teacher" | "school_admin" | "reviewer")[];
  /** Absent for the new hire, who joined last August whatever year the demo is loaded in. */
  hiredOn?: DateOnly;
  /** Which of the cycle's years have records, and anything unusual about them. */
  history: "complete" | "first-three-years" | "no-it-integration" | "failed-centralized" | "unapproved" | "new-hire";
};

const teachers: DemoTeacher[] = [
  { employeeNumber: "T0001", name: "张丽", school: "S01", roles: ["teacher", "school_admin"], hiredOn: "2010-09-01", history: "complete" },
  { employeeNumber: "T0002", name: "王强", school: "S01", roles: ["teacher"], hiredOn: "2012-09-01", history: "complete" },
  { employeeNumber: "T0003", name: "李娜", school: "S01", roles: ["teacher"], hiredOn: "2015-09-01", history: "first-three-years" },
  { employeeNumber: "T0004", name: "刘洋", school: "S01", roles: ["teacher", "reviewer"], hiredOn: "2008-09-01", history: "complete" },
  { employeeNumber: "T0005", name: "陈静", school: "S01", roles: ["teacher"], hiredOn: "2016-09-01", history: "no-it-integration" },
  { employeeNumber: "T0006", name: "杨帆", school: "S02", roles: ["teacher", "school_admin"], hiredOn: "2011-09-01", history: "complete" },
  { employeeNumber: "T0007", name: "赵敏", school: "S02", roles: ["teacher"], hiredOn: "2013-09-01", history: "complete" },
  { employeeNumber: "T0008", name: "黄磊", school: "S02", roles: ["teacher"], hiredOn: "2014-09-01", history: "failed-centralized" },
  { employeeNumber: "T0009", name: "周婷", school: "S02", roles: ["teacher"], hiredOn: "2017-09-01", history: "unapproved" },
  { employeeNumber: "T0010", name: "吴军", school: "S02", roles: ["teacher"], history: "new-hire" },
];

/** One year of a teacher who keeps up: 90 hours, 20 博州 credits across every category and floor. */
function yearOfTraining(year: number, options: { itIntegration: boolean; centralized: Partial<LedgerRecord> }): LedgerRecord[] {
  const base = { approved: true, role: "participant", source: "import", sourceRef: `平台导出${year}.xlsx` } as const;
  return [
    { ...base, occurredOn: toDbDate(`${year}-07-15`), mode: "centralized", category: "required", level: "provincial", hours: 40, result: "pass", ...options.centralized },
    { ...base, occurredOn: toDbDate(`${year}-04-20`), mode: "online", category: "required", level: "county", hours: 20, result: "pass", tags: options.itIntegration ? ["it_integration"] : [] },
    { ...base, occurredOn: toDbDate(`${year}-05-10`), mode: "online", category: "elective", level: "county", hours: 10, result: "pass" },
    { ...base, occurredOn: toDbDate(`${year}-06-30`), mode: "school_based", category: "school_course", level: "school", hours: 20, result: "pass" },
  ];
}

function historyOf(teacher: DemoTeacher, years: number[]): LedgerRecord[] {
  const ordinary = { itIntegration: true, centralized: {} };
  switch (teacher.history) {
    case "complete":
      return years.flatMap((year, index) =>
        yearOfTraining(year, {
          itIntegration: true,
          // A provincial project graded excellent earns a 15 % bonus (B6); a lecturer earns 200 % (B7).
          centralized: index === 1 ? { result: "excellent" } : index === 3 && teacher.employeeNumber === "T0006" ? { role: "lecturer" } : {},
        }),
      );
    case "first-three-years":
      return years.slice(0, 3).flatMap((year) => yearOfTraining(year, ordinary));
    case "no-it-integration":
      return years.flatMap((year) => yearOfTraining(year, { itIntegration: false, centralized: {} }));
    case "failed-centralized":
      return years.flatMap((year, index) =>
        yearOfTraining(year, { itIntegration: true, centralized: index < 2 ? { result: "fail" } : {} }),
      );
    case "unapproved":
      return years.flatMap((year, index) =>
        yearOfTraining(year, { itIntegration: true, centralized: index % 2 === 0 ? { approved: false } : {} }),
      );
    case "new-hire": {
      const firstYear = years[years.length - 2] as number;
      const preService: LedgerRecord = {
        occurredOn: toDbDate(`${firstYear}-08-20`), mode: "centralized", category: "required", level: "county",
        hours: 120, result: "pass", approved: true, preService: true, source: "manual", sourceRef: "岗前培训",
      };
      return [preService, ...yearOfTraining(firstYear + 1, ordinary)];
    }
  }
}

export type DemoSummary = { regionId: string; teachers: number; ledgerEntries: number };

/** Loads the demo region unless it is already there; returns undefined when it was. */
export async function loadDemoData(prisma: PrismaClient, today: DateOnly): Promise<DemoSummary | undefined> {
  if (await prisma.region.findUnique({ where: { code: DEMO_REGION_CODE } })) return undefined;
  const currentYear = Number(today.slice(0, 4));
  const cycleYears = [4, 3, 2, 1, 0].map((back) => currentYear - back);
  // Only what has already happened: this year's records are dated in the spring and summer.
  const happened = (record: LedgerRecord) => (record.occurredOn as Date) <= toDbDate(today);

  return prisma.$transaction(async (tx) => {
    // 博州's rules with the five-year cycle ending this year, so the demo shows a cycle nearly done.
    const policy = {
      ...PRESETS.bozhou,
      cycle: {
        ...PRESETS.bozhou.cycle,
        anchor: `${cycleYears[0]}-01-01`,
        configurableDefault: `示范数据：周期取 ${cycleYears[0]}—${currentYear} 年，好让周期接近结束`,
      },
    };
    const region = await tx.region.create({
      data: { code: DEMO_REGION_CODE, name: "博州（示范）", policy: "bozhou", customPolicy: policy, timezone: "Asia/Shanghai" },
    });
    const schools = {
      S01: await tx.school.create({ data: { regionId: region.id, code: "S01", name: "博乐市第一中学" } }),
      S02: await tx.school.create({ data: { regionId: region.id, code: "S02", name: "博乐市实验小学" } }),
    };
    await tx.teacher.create({
      data: { regionId: region.id, employeeNumber: "A0001", name: "马红", roles: ["region_admin"], hiredOn: toDbDate("2005-09-01") },
    });

    let ledgerEntries = 0;
    for (const teacher of teachers) {
      const hiredOn = teacher.hiredOn ?? `${currentYear - 1}-08-15`;
      const created = await tx.teacher.create({
        data: {
          regionId: region.id,
          schoolId: schools[teacher.school].id,
          employeeNumber: teacher.employeeNumber,
          name: teacher.name,
          roles: teacher.roles,
          hiredOn: toDbDate(hiredOn),
        },
      });
      const records = historyOf(teacher, cycleYears).filter(happened);
      await tx.ledgerEntry.createMany({
        data: records.map((record, index) => ({
          ...record,
          teacherId: created.id,
          idempotencyKey: `demo:${teacher.employeeNumber}:${index}`,
          recordedBy: "A0001",
          certifiedBy: "A0001",
          certifiedAt: record.occurredOn,
        })),
      });
      ledgerEntries += records.length;
    }

    const completed = await tx.trainingProject.create({
      data: {
        regionId: region.id, code: `P${currentYear}-01`, title: "自治区级国家通用语言文字教学能力提升集中培训",
        level: "provincial", mode: "centralized", category: "required", hours: 40,
        startsOn: toDbDate(addDays(today, -12)), endsOn: toDbDate(addDays(today, -8)),
        approvedBy: "A0001", approvedAt: toDbDate(addDays(today, -40)),
      },
    });
    await tx.assignment.create({
      data: {
        projectId: completed.id, title: "集中培训心得体会", kind: "reflection",
        dueOn: toDbDate(addDays(today, 7)), minimumLength: 1000, maxScore: 20,
      },
    });
    await tx.trainingProject.create({
      data: {
        regionId: region.id, code: `P${currentYear}-02`, title: "信息技术与学科教学融合专题培训",
        level: "prefecture", mode: "centralized", category: "required", tags: ["it_integration"], hours: 24,
        startsOn: toDbDate(addDays(today, 21)), endsOn: toDbDate(addDays(today, 23)),
        enrollmentDeadline: toDbDate(addDays(today, 14)), quota: 40,
        approvedBy: "A0001", approvedAt: toDbDate(today),
      },
    });
    return { regionId: region.id, teachers: teachers.length + 1, ledgerEntries };
  });
}

import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { loadTemplates } from "../src/bot/templates.js";
import { loadTestEnvironment } from "../src/config.js";
import { toDbDate } from "../src/domain/calendar.js";
import type { Database } from "../src/db/database.js";
import { runWeeklyDigest } from "../src/jobs/reminders/weekly-digest.js";
import { openPostgresSchema } from "./import.js";
import { seededRandom } from "./prng.js";
import type { BenchRow } from "./report.js";

/**
 * P3: the weekly overdue digest of a county — 9,000 teachers in 30 schools, one WeCom group per school
 * plus a region group, 20 assignments all overdue within the digest's window (the worst case: every one
 * is listed), about 85 % handed in, 70 % of teachers bound on WeCom, and five years of ledger — on
 * PostgreSQL. Times one runWeeklyDigest (compose, claim and enqueue every group's message), against a
 * bare SQL query that counts the same late teachers per school and assignment (the floor of reading them).
 */

const TEACHERS = 9_000;
const SCHOOLS = 30;
const PROJECTS = 5;
const ASSIGNMENTS = 20;
const LEDGER_YEARS = 5;
const ENTRIES_PER_YEAR = 4;
const CHUNK = 5_000;
/** Monday 2026-11-23 09:00 in Asia/Shanghai, when the digest cron fires. */
const NOW = new Date("2026-11-23T01:00:00Z");
const GOAL_SECONDS = 3;

const silent = { info() {}, warn() {}, error() {} };

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
}

async function seed(database: Database): Promise<{ regionId: string; ledger: number; submissions: number }> {
  const { prisma } = database;
  const random = seededRandom(20261123);
  const region = await prisma.region.create({
    data: { code: `p3-${randomBytes(3).toString("hex")}`, name: "基准县", policy: "bozhou", quietHoursStart: "00:00", quietHoursEnd: "00:00" },
  });
  const schools = Array.from({ length: SCHOOLS }, (_, index) => ({ id: randomUUID(), regionId: region.id, code: `S${String(index + 1).padStart(2, "0")}`, name: `第${index + 1}中学` }));
  await prisma.school.createMany({ data: schools });
  await prisma.chatGroup.createMany({
    data: [
      ...schools.map((school) => ({ platform: "wecom" as const, chatId: `p3-${school.id}`, name: `${school.name}教师群`, regionId: region.id, schoolId: school.id, delivery: { robotKey: `key-${school.id}` } })),
      { platform: "wecom" as const, chatId: `p3-region-${region.id}`, name: "全县管理员群", regionId: region.id, delivery: { robotKey: `key-${region.id}` } },
    ],
  });
  const teachers = Array.from({ length: TEACHERS }, (_, index) => ({
    id: randomUUID(),
    regionId: region.id,
    schoolId: schools[index % SCHOOLS]!.id,
    employeeNumber: `P${String(index + 1).padStart(5, "0")}`,
    name: `教师${index + 1}`,
    hiredOn: toDbDate("2012-09-01"),
  }));
  await inChunks(teachers, (data) => prisma.teacher.createMany({ data }));
  await inChunks(
    teachers.filter(() => random() < 0.7).map((teacher) => ({ platform: "wecom" as const, platformUserId: `wx-${teacher.employeeNumber}`, teacherId: teacher.id })),
    (data) => prisma.chatIdentity.createMany({ data }),
  );
  const projects = Array.from({ length: PROJECTS }, (_, index) => ({
    id: randomUUID(), regionId: region.id, code: `P3-${index + 1}`, title: `全员培训${index + 1}`, level: "county" as const, mode: "online" as const,
    category: "required" as const, hours: 24, startsOn: toDbDate("2026-08-01"), endsOn: toDbDate("2026-12-31"), approvedBy: "bench", approvedAt: NOW,
  }));
  await prisma.trainingProject.createMany({ data: projects });
  const assignments = Array.from({ length: ASSIGNMENTS }, (_, index) => ({
    id: randomUUID(), projectId: projects[index % PROJECTS]!.id, title: `作业${index + 1}`, kind: "reflection" as const,
    dueOn: toDbDate(`2026-${index < 10 ? "09" : "10"}-${String(5 + (index % 10) * 2).padStart(2, "0")}`),
  }));
  await prisma.assignment.createMany({ data: assignments });
  // The two big tables are filled by INSERT … SELECT in the database: createMany of 330,000 rows through
  // Prisma took over a minute, and only the digest is being measured.
  const submissions = await prisma.$executeRawUnsafe(
    `INSERT INTO "Submission" (id, "assignmentId", "teacherId", link, status)
     SELECT gen_random_uuid(), x.aid, x.tid, 'https://example.org/' || x.num,
            (CASE WHEN x.roll < 0.2 THEN 'rejected' ELSE 'approved' END)::"SubmissionStatus"
       FROM (SELECT a.id AS aid, t.id AS tid, t."employeeNumber" AS num, random() AS roll
               FROM "Assignment" a JOIN "TrainingProject" p ON p.id = a."projectId" JOIN "Teacher" t ON t."regionId" = p."regionId"
              WHERE p."regionId" = $1) x
      WHERE x.roll >= 0.15`,
    region.id,
  );
  const ledger = await prisma.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" (id, "teacherId", "occurredOn", mode, category, level, hours, result, approved, source, "idempotencyKey", "recordedBy")
     SELECT gen_random_uuid(), t.id, make_date(2021 + g / $2, 3 + (g % $2) * 2, 15),
            (CASE WHEN random() < 0.5 THEN 'centralized' ELSE 'online' END)::"TrainingMode",
            (CASE WHEN random() < 0.5 THEN 'required' ELSE 'elective' END)::"CourseCategory",
            'county'::"IssuingLevel", 24, 'pass'::"TrainingResult", true, 'import'::"LedgerSource",
            'p3:' || t."employeeNumber" || ':' || g, 'bench'
       FROM "Teacher" t CROSS JOIN generate_series(0, $3 - 1) AS g
      WHERE t."regionId" = $1`,
    region.id,
    ENTRIES_PER_YEAR,
    LEDGER_YEARS * ENTRIES_PER_YEAR,
  );
  return { regionId: region.id, ledger, submissions };
}

/** The floor: one SQL query counting who is late on each overdue assignment, per school. */
async function bareCount(database: Database, regionId: string): Promise<number> {
  const rows = await database.prisma.$queryRawUnsafe<{ late: bigint }[]>(
    `SELECT t."schoolId", a.id, count(*) AS late
       FROM "Assignment" a
       JOIN "TrainingProject" p ON p.id = a."projectId"
       JOIN "Teacher" t ON t."regionId" = p."regionId" AND t.active
       LEFT JOIN "Submission" s ON s."assignmentId" = a.id AND s."teacherId" = t.id
      WHERE p."regionId" = $1 AND a."dueOn" < $2::date AND (s.id IS NULL OR s.status = 'rejected')
      GROUP BY t."schoolId", a.id`,
    regionId,
    "2026-11-23",
  );
  return rows.reduce((sum, row) => sum + Number(row.late), 0);
}

export async function runWeeklyBench(): Promise<BenchRow[]> {
  const { postgresUrl } = loadTestEnvironment();
  const postgres = await openPostgresSchema(postgresUrl).catch(() => undefined);
  if (!postgres) return [{ part: "P3 weekly sweep", case: "postgres", items: 0, seconds: 0, rate: 0, note: `skipped: PostgreSQL not reachable at ${postgresUrl} (TEST_DATABASE_URL)` }];
  try {
    const { database } = postgres;
    await database.migrate();
    const seedStarted = performance.now();
    const { regionId, ledger, submissions } = await seed(database);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    await database.prisma.$executeRawUnsafe("ANALYZE");

    // The bare query twice: the first pays for cold caches, the second is the floor.
    await bareCount(database, regionId);
    const bareStarted = performance.now();
    const late = await bareCount(database, regionId);
    const bareSeconds = (performance.now() - bareStarted) / 1000;

    const started = performance.now();
    const outcome = await runWeeklyDigest({ prisma: database.prisma, templates: loadTemplates(), now: () => NOW, logger: silent }, regionId);
    const seconds = (performance.now() - started) / 1000;
    const enqueued = await database.prisma.delivery.count({ where: { regionId, purpose: "weekly_digest" } });

    return [
      { part: "P3 weekly sweep", case: "seed (createMany + INSERT…SELECT)", items: TEACHERS, seconds: seedSeconds, rate: TEACHERS / seedSeconds, note: `${ledger} ledger rows, ${submissions} submissions, ${ASSIGNMENTS} assignments` },
      { part: "P3 weekly sweep", case: "bare SQL: late per school×assignment", items: TEACHERS, seconds: bareSeconds, rate: TEACHERS / bareSeconds, note: `${late} late (teacher, assignment) pairs` },
      {
        part: "P3 weekly sweep",
        case: "runWeeklyDigest (all groups)",
        items: TEACHERS,
        seconds,
        rate: TEACHERS / seconds,
        vsBaseline: seconds / bareSeconds,
        note: `${outcome.groups} groups, ${outcome.claimed} claimed, ${enqueued} digests enqueued; goal ≤ ${GOAL_SECONDS} s ${seconds <= GOAL_SECONDS ? "met" : "MISSED"}`,
      },
    ];
  } finally {
    await postgres.drop();
  }
}

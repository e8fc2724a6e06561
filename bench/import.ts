import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import pg from "pg";
import { loadTestEnvironment } from "../src/config.js";
import { openDatabase, type Database } from "../src/db/database.js";
import { actorOf, type Actor } from "../src/domain/actors.js";
import { toDbDate } from "../src/domain/calendar.js";
import type { ImportReport } from "../src/domain/imports/import-report.js";
import { importTeachers } from "../src/domain/imports/teachers.js";
import { importTrainingResults } from "../src/domain/imports/training-results.js";
import { pick, seededRandom } from "./prng.js";
import type { BenchRow } from "./report.js";
import { createSecretBox } from "../src/secret-box.js";

/**
 * Excel imports at county scale: a 9,000-teacher roster and 9,000 results (three projects of 3,000) as
 * .xlsx files, each dry-run, applied, and applied again (which must add nothing), on PostgreSQL and on the
 * embedded engine. Times include reading the workbook. Target: every step under a minute.
 */

const TEACHERS = 9_000;
const SCHOOLS = 30;
const PROJECTS = 3;
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
const GIVEN = ["丽", "强", "娜", "洋", "静", "帆", "敏", "磊", "婷", "军", "芳", "伟", "霞", "杰", "燕", "涛", "红", "勇"];
// Within 博州's B8 quota: at most 30 % good or better, 15 % excellent.
const GRADES = ["合格", "合格", "合格", "合格", "合格", "合格", "合格", "合格", "良好", "优秀"] as const;

const employeeNumber = (index: number) => `B${String(index + 1).padStart(5, "0")}`;

async function workbookOf(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("导入");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function filesOf(seed: number): Promise<{ roster: Buffer; results: Buffer }> {
  const random = seededRandom(seed);
  const names = Array.from({ length: TEACHERS }, () => `${pick(random, SURNAMES)}${pick(random, GIVEN)}${random() < 0.5 ? pick(random, GIVEN) : ""}`);
  const roster = await workbookOf([
    ["工号", "姓名", "学校", "入职日期", "角色", "状态"],
    ...names.map((name, index) => [employeeNumber(index), name, `S${String((index % SCHOOLS) + 1).padStart(2, "0")}`, new Date(Date.UTC(2000 + (index % 25), 8, 1)), "教师", "在职"]),
  ]);
  const perProject = TEACHERS / PROJECTS;
  const results = await workbookOf([
    ["工号", "姓名", "项目编号", "学时", "请假学时", "考核结果", "角色", "完成日期"],
    ...names.map((name, index) => [
      employeeNumber(index),
      name,
      `PB-${Math.floor(index / perProject) + 1}`,
      24,
      index % 7 === 0 ? 2 : 0,
      GRADES[index % GRADES.length] as string,
      "参训",
      "2026/6/30",
    ]),
  ]);
  return { roster, results };
}

/** A region with its schools, projects and a region admin, in a database of its own. */
async function prepareRegion(database: Database): Promise<Actor> {
  const { prisma } = database;
  const region = await prisma.region.create({ data: { code: `bench-${randomBytes(3).toString("hex")}`, name: "基准测试区", policy: "bozhou" } });
  await prisma.school.createMany({
    data: Array.from({ length: SCHOOLS }, (_, index) => ({ regionId: region.id, code: `S${String(index + 1).padStart(2, "0")}`, name: `第${index + 1}学校` })),
  });
  await prisma.trainingProject.createMany({
    data: Array.from({ length: PROJECTS }, (_, index) => ({
      regionId: region.id, code: `PB-${index + 1}`, title: `基准培训${index + 1}`, level: "county" as const, mode: "centralized" as const,
      category: "required" as const, hours: 24, startsOn: toDbDate("2026-06-01"), endsOn: toDbDate("2026-06-30"),
      approvedBy: "bench", approvedAt: new Date("2026-05-01T00:00:00Z"),
    })),
  });
  return actorOf(await prisma.teacher.create({ data: { regionId: region.id, employeeNumber: "A0001", name: "管理员", roles: ["region_admin"] } }));
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function runOn(label: string, database: Database, files: Awaited<ReturnType<typeof filesOf>>): Promise<BenchRow[]> {
  await database.migrate();
  const actor = await prepareRegion(database);
  const secrets = createSecretBox([randomBytes(32)]);
  const rows: BenchRow[] = [];
  const step = async (name: string, work: () => Promise<ImportReport<Record<string, number>>>) => {
    const { value, seconds } = await timed(work);
    if (!value.ok) throw new Error(`${label} ${name}: ${JSON.stringify(value.errors.slice(0, 3))}`);
    const counts = Object.entries(value.summary).map(([key, count]) => `${key} ${count}`).join(", ");
    rows.push({ part: "import", case: `${label}: ${name}`, items: TEACHERS, seconds, rate: TEACHERS / seconds, note: `${counts}${seconds < 60 ? "" : "; OVER the one-minute target"}` });
  };
  const roster = { name: "名单.xlsx", content: files.roster };
  const results = { name: "结业名单.xlsx", content: files.results };
  await step("roster dry run", () => importTeachers(database.prisma, { actor, file: roster, dryRun: true, secrets }));
  await step("roster apply", () => importTeachers(database.prisma, { actor, file: roster, dryRun: false, secrets }));
  await step("roster again", () => importTeachers(database.prisma, { actor, file: roster, dryRun: false, secrets }));
  await step("results dry run", () => importTrainingResults(database.prisma, { actor, file: results, dryRun: true }));
  await step("results apply", () => importTrainingResults(database.prisma, { actor, file: results, dryRun: false }));
  await step("results again", () => importTrainingResults(database.prisma, { actor, file: results, dryRun: false }));
  return rows;
}

/** PostgreSQL in a throwaway schema of the test server, or undefined when it cannot be reached. */
export async function openPostgresSchema(url: string): Promise<{ database: Database; drop: () => Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const database = await openDatabase({ kind: "postgres", url, schema });
  return {
    database,
    async drop() {
      await database.close();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

export async function runImportBench(): Promise<BenchRow[]> {
  const files = await filesOf(20261123);
  const rows: BenchRow[] = [];
  const { postgresUrl } = loadTestEnvironment();
  const postgres = await openPostgresSchema(postgresUrl);
  if (postgres) {
    try {
      rows.push(...(await runOn("postgres", postgres.database, files)));
    } finally {
      await postgres.drop();
    }
  } else {
    rows.push({ part: "import", case: "postgres", items: 0, seconds: 0, rate: 0, note: `skipped: PostgreSQL not reachable at ${postgresUrl} (TEST_DATABASE_URL)` });
  }
  const embedded = await openDatabase({ kind: "embedded", dataDir: "memory://" });
  try {
    rows.push(...(await runOn("embedded", embedded, files)));
  } finally {
    await embedded.close();
  }
  return rows;
}

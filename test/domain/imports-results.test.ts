import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf, type Actor } from "../../src/domain/actors.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { reverseEntry } from "../../src/domain/ledger.js";
import { importTrainingResults } from "../../src/domain/imports/training-results.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { fixtures } from "../support/fixtures.js";
import { refusal } from "../support/refusal.js";
import { csvTextOf, gb18030Of, utf8WithBom, xlsxOf, type SheetCell } from "../support/spreadsheets.js";

const HEADER = ["工号", "姓名", "项目编号", "学时", "请假学时", "考核结果", "角色", "完成日期"];
const NAMES: Record<string, string> = {
  T0001: "张丽", T0002: "王强", T0003: "李娜", T0004: "刘洋", T0005: "陈静",
  T0006: "杨帆", T0007: "赵敏", T0008: "黄磊", T0009: "周婷", T0010: "吴军",
};
const line = (who: string, project: string, grade: string, extra: Partial<Record<"学时" | "请假学时" | "角色" | "完成日期", SheetCell>> = {}): SheetCell[] =>
  [who, NAMES[who] ?? "", project, extra.学时 ?? null, extra.请假学时 ?? null, grade, extra.角色 ?? null, extra.完成日期 ?? null];

describe.each(databaseKinds)("training results import on %s", (kind) => {
  let database: TestDatabase;
  let admin: Actor;
  let make: ReturnType<typeof fixtures>;
  let regionId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemoData(database.prisma, "2026-11-23");
    admin = actorOf(await database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "A0001" } }));
    regionId = admin.regionId;
    make = fixtures(database.prisma);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const run = async (rows: SheetCell[][], options: { dryRun?: boolean; actor?: Actor; name?: string } = {}) =>
    importTrainingResults(database.prisma, {
      actor: options.actor ?? admin,
      file: { name: options.name ?? "结业名单.xlsx", content: await xlsxOf([HEADER, ...rows]) },
      dryRun: options.dryRun ?? false,
    });
  const entriesOf = async (code: string) => {
    const project = await database.prisma.trainingProject.findFirstOrThrow({ where: { code } });
    return database.prisma.ledgerEntry.findMany({ where: { projectId: project.id }, include: { teacher: true }, orderBy: { sourceRef: "asc" } });
  };

  it("records a completed project's results once, however often the file is imported", async () => {
    const rows = [
      line("T0002", "P2026-01", "合格"),
      line("T0003", "p2026-01", "合格", { 请假学时: 4 }),
      line("T0004", "P2026-01", "合格", { 学时: 36, 完成日期: "2026/11/15" }),
      line("T0006", "P2026-01", "合格", { 角色: "主讲" }),
    ];
    const dry = await run(rows, { dryRun: true });
    expect(dry).toMatchObject({ ok: true, applied: false, summary: { rows: 4, projects: 1, record: 4, unchanged: 0 } });
    expect(await entriesOf("P2026-01")).toHaveLength(0);

    expect(await run(rows)).toMatchObject({ ok: true, applied: true, summary: { record: 4, unchanged: 0 } });
    const entries = await entriesOf("P2026-01");
    expect(entries.map((e) => [e.teacher.employeeNumber, e.result, Number(e.hours), Number(e.leaveHours), e.role, e.sourceRef, e.source])).toEqual([
      ["T0002", "pass", 40, 0, "participant", "结业名单.xlsx#2", "import"],
      ["T0003", "pass", 40, 4, "participant", "结业名单.xlsx#3", "import"],
      ["T0004", "pass", 36, 0, "participant", "结业名单.xlsx#4", "import"],
      ["T0006", "pass", 40, 0, "lecturer", "结业名单.xlsx#5", "import"],
    ]);
    expect(entries.find((e) => e.teacher.employeeNumber === "T0004")?.occurredOn).toEqual(new Date("2026-11-15T00:00:00Z"));
    expect(entries.find((e) => e.teacher.employeeNumber === "T0002")?.occurredOn).toEqual(new Date("2026-11-15T00:00:00Z"));
    expect(entries.find((e) => e.teacher.employeeNumber === "T0003")?.occurredOn).toEqual(new Date("2026-11-15T00:00:00Z"));

    const ledgerBefore = await database.prisma.ledgerEntry.count();
    expect(await run(rows, { name: "结业名单（再次）.xlsx" })).toMatchObject({ ok: true, applied: true, summary: { record: 0, unchanged: 4 } });
    expect(await database.prisma.ledgerEntry.count()).toBe(ledgerBefore);
    const audits = await database.prisma.auditLog.findMany({ where: { action: "import", entity: "ledger" }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.detail)).toEqual([
      { file: "结业名单.xlsx", rows: 4, projects: 1, record: 4, unchanged: 0, projectCodes: ["P2026-01"] },
      { file: "结业名单（再次）.xlsx", rows: 4, projects: 1, record: 0, unchanged: 4, projectCodes: ["P2026-01"] },
    ]);
  });

  it("lists every bad line and records nothing, not even the good lines of other projects", async () => {
    const project = await make.project(regionId, { code: "P2026-91", hours: 12 });
    const before = await database.prisma.ledgerEntry.count();
    const report = await run([
      line("T0007", "P2026-91", "合格"),
      line("T0008", "P2026-91", "很好"),
      ["T0009", "周丽", "P2026-91", null, null, "合格", null, null],
      ["T0999", "查无此人", "P2026-91", null, null, "合格", null, null],
      line("T0010", "P2099-01", "合格"),
      line("T0005", "P2026-91", "合格", { 学时: 8, 请假学时: 10 }),
      line("T0001", "P2026-91", "合格", { 请假学时: 13 }),
      line("T0007", "P2026-91", "合格", { 角色: "旁听", 完成日期: "下周" }),
      [null, null, null, null, null, null, null, null],
      ["", "", "", "", "", "", "", ""],
    ]);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      { row: 3, column: "考核结果", message: "应为 合格、良好、优秀 或 不合格，实际是「很好」" },
      { row: 4, column: "姓名", message: "花名册中工号 T0009 是「周婷」，本行是「周丽」；请检查是否错行" },
      { row: 5, column: "工号", message: "工号 T0999 不在本区域的教师名单中" },
      { row: 6, column: "项目编号", message: "本区域没有编号为 P2099-01 的培训项目" },
      { row: 7, column: "请假学时", message: "请假 10 学时，多于学时 8" },
      { row: 8, column: "请假学时", message: "请假 13 学时，多于项目 P2026-91 的学时 12" },
      { row: 9, column: "工号", message: "工号 T0007 在项目 P2026-91 中与第 2 行重复" },
      { row: 9, column: "角色", message: "应为 参训 或 主讲，实际是「旁听」" },
      { row: 9, column: "完成日期", message: "应为日期（如 2026-09-01、2026/9/1 或 2026年9月1日），实际是「下周」" },
    ]);
    expect(await database.prisma.ledgerEntry.count()).toBe(before);
    expect(await database.prisma.ledgerEntry.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses grades beyond the B8 quota and names the project", async () => {
    await make.project(regionId, { code: "P2026-92", level: "prefecture" });
    const ten = ["T0001", "T0002", "T0003", "T0004", "T0005", "T0006", "T0007", "T0008", "T0009", "T0010"];
    const grades = ["优秀", "优秀", "良好", "良好", "合格", "合格", "合格", "合格", "合格", "合格"];
    const report = await run(ten.map((who, index) => line(who, "P2026-92", grades[index]!)));
    expect(report.errors).toEqual([
      {
        row: null,
        column: "考核结果",
        message:
          "项目 P2026-92：成绩等次超出比例，未予录入：本项目参训 10 人，良好及以上最多 3 人（30%），现有 4 人，超出 1 人；优秀最多 1 人（15%），现有 2 人，超出 1 人（B8）。请调整后重新提交。",
      },
    ]);
    expect(report.applied).toBe(false);
    grades[1] = "合格";
    expect(await run(ten.map((who, index) => line(who, "P2026-92", grades[index]!)))).toMatchObject({ ok: true, applied: true });
  });

  it("counts the quota over results recorded before, and refuses a different result for a recorded teacher", async () => {
    const before = await database.prisma.ledgerEntry.count();
    const conflict = await run([line("T0001", "P2026-92", "良好"), line("T0005", "P2026-01", "合格")]);
    expect(conflict.errors).toEqual([
      {
        row: 2,
        column: "考核结果",
        message: "工号 T0001 在项目 P2026-92 已登记为「优秀、参训、24 学时」，与本行「良好、参训、24 学时」不同；如需更正，请先冲销原记录再导入",
      },
    ]);
    // 10 recorded with 3 良好 or better; an 11th 良好 makes 4 where 30 % of 11 allows 3.
    await make.teacher(regionId, { employeeNumber: "T0901", name: "新来的" });
    const latecomer = await run([["T0901", "新来的", "P2026-92", null, null, "良好", null, null]]);
    expect(latecomer.errors[0]?.message).toContain("本项目参训 11 人，良好及以上最多 3 人（30%），现有 4 人");
    expect(await database.prisma.ledgerEntry.count()).toBe(before);
  });

  it("records a corrected result once the old entry is reversed", async () => {
    const [old] = (await entriesOf("P2026-01")).filter((e) => e.teacher.employeeNumber === "T0003");
    await reverseEntry(database.prisma, { entryId: old!.id, reason: "请假学时录错", actor: "A0001" });
    const report = await run([line("T0003", "P2026-01", "合格", { 请假学时: 2 })]);
    expect(report).toMatchObject({ ok: true, summary: { record: 1 } });
  });

  it("lets only one of two simultaneous imports with different results for a teacher through", async () => {
    await make.project(regionId, { code: "P2026-94", hours: 8 });
    const outcomes = await Promise.all([
      run([line("T0002", "P2026-94", "合格")], { name: "甲.xlsx" }),
      run([line("T0002", "P2026-94", "不合格")], { name: "乙.xlsx" }),
    ]);
    expect(outcomes.map((outcome) => outcome.ok).sort()).toEqual([false, true]);
    const refused = outcomes.find((outcome) => !outcome.ok);
    expect(refused?.errors).toEqual([{ row: 2, column: "考核结果", message: expect.stringContaining("工号 T0002") }]);
    expect(refused?.errors[0]?.message).toMatch(/已登记为「(不)?合格/);
    expect(await entriesOf("P2026-94")).toHaveLength(1);
  });

  it("reads CSV saved by a Chinese Excel (GBK) and in UTF-8 with a BOM", async () => {
    await make.project(regionId, { code: "P2026-93", hours: 6 });
    const text = csvTextOf([["工号", "姓名", "项目编号", "考核结果"], ["T0007", "赵敏", "P2026-93", "合格"]]);
    const gbk = await importTrainingResults(database.prisma, { actor: admin, file: { name: "名单.csv", content: gb18030Of(text) }, dryRun: false });
    expect(gbk).toMatchObject({ ok: true, summary: { record: 1 } });
    const bom = await importTrainingResults(database.prisma, { actor: admin, file: { name: "名单.csv", content: utf8WithBom(text) }, dryRun: false });
    expect(bom).toMatchObject({ ok: true, summary: { record: 0, unchanged: 1 } });
  });

  it("is for region admins only", async () => {
    const schoolAdmin = actorOf(await database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "T0001" } }));
    expect((await refusal(run([line("T0002", "P2026-01", "合格")], { actor: schoolAdmin }))).kind).toBe("forbidden");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf, type Actor } from "../../src/domain/actors.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { importTeachers } from "../../src/domain/imports/teachers.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { refusal } from "../support/refusal.js";
import { csvTextOf, xlsxOf, type SheetCell } from "../support/spreadsheets.js";

const HEADER = ["工号", "姓名", "学校", "入职日期", "角色", "状态"];

describe.each(databaseKinds)("teacher roster import on %s", (kind) => {
  let database: TestDatabase;
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemoData(database.prisma, "2026-11-23");
    for (const who of ["A0001", "T0001", "T0002"]) {
      actors[who] = actorOf(await database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: who } }));
    }
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const run = async (who: string, rows: SheetCell[][], options: { dryRun?: boolean; header?: SheetCell[] } = {}) =>
    importTeachers(database.prisma, {
      actor: actors[who]!,
      file: { name: "名单.xlsx", content: await xlsxOf([options.header ?? HEADER, ...rows]) },
      dryRun: options.dryRun ?? false,
    });
  const teacher = (employeeNumber: string) => database.prisma.teacher.findFirst({ where: { employeeNumber } });

  it("dry-runs, then creates new 工号, updates changed fields and leaves identical lines alone", async () => {
    const rows = [
      ["T0101", "孙悦", "S01", new Date("2026-09-01T00:00:00Z"), "教师", "在职"],
      ["T0102", "钱多", "博乐市实验小学", "2025/9/1", "教师、评审员", null],
      ["T0002", "王强", "S01", "2012-09-01", "教师", "在职"],
      ["T0003", "李娜", "S02", null, null, null],
    ];
    const dry = await run("A0001", rows, { dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true, applied: false, summary: { rows: 4, create: 2, update: 1, unchanged: 1 }, errors: [] });
    expect(await teacher("T0101")).toBeNull();

    const applied = await run("A0001", rows);
    expect(applied).toMatchObject({ ok: true, applied: true, summary: { create: 2, update: 1, unchanged: 1 } });
    const created = await teacher("T0102");
    expect(created).toMatchObject({ name: "钱多", roles: ["teacher", "reviewer"], active: true, hiredOn: new Date("2025-09-01T00:00:00Z") });
    const s02 = await database.prisma.school.findFirstOrThrow({ where: { code: "S02" } });
    expect((await teacher("T0003"))?.schoolId).toBe(s02.id);

    const again = await run("A0001", rows);
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 4 });
    const audits = await database.prisma.auditLog.findMany({ where: { action: "import", entity: "teacher" }, orderBy: { at: "asc" } });
    expect(audits.map((a) => [a.actor, a.detail])).toEqual([
      ["A0001", { file: "名单.xlsx", rows: 4, create: 2, update: 1, unchanged: 1 }],
      ["A0001", { file: "名单.xlsx", rows: 4, create: 0, update: 0, unchanged: 4 }],
    ]);
  });

  it("lists every bad line with its row and column, and stores nothing when any line is bad", async () => {
    const before = await database.prisma.teacher.count();
    const report = await run("A0001", [
      ["T0201", "好人", "S01", "2020-09-01", "教师", "在职"],
      [null, "无工号", "S01", null, null, null],
      ["T0203", "错校", "S09", "2020-13-01", "校长", "休假"],
      ["T0201", "重复", "S02", null, null, null],
      [],
      ["T0205", "  ", "S01", null, "、", null],
    ]);
    expect(report.ok).toBe(false);
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      { row: 3, column: "工号", message: "不能为空" },
      { row: 4, column: "学校", message: "本区域没有代码或名称为「S09」的学校" },
      { row: 4, column: "入职日期", message: "没有这一天：「2020-13-01」" },
      { row: 4, column: "角色", message: "「校长」不是可选的角色，可选：教师、学校管理员、评审员、区域管理员" },
      { row: 4, column: "状态", message: "应为 在职 或 离职，实际是「休假」" },
      { row: 5, column: "工号", message: "工号 T0201 与第 2 行重复" },
      { row: 7, column: "姓名", message: "不能为空" },
      { row: 7, column: "角色", message: "至少填一个角色，可选：教师、学校管理员、评审员、区域管理员" },
    ]);
    expect(await database.prisma.teacher.count()).toBe(before);
    expect(await teacher("T0201")).toBeNull();
  });

  it("reads CSV with other header spellings and keeps stored values where the file leaves a cell empty", async () => {
    const content = Buffer.from(csvTextOf([["教师编号", "教师姓名", "学校名称"], ["T0004", "刘洋", "S01"]]), "utf8");
    const report = await importTeachers(database.prisma, { actor: actors.A0001!, file: { name: "名单.csv", content }, dryRun: false });
    expect(report.summary).toMatchObject({ unchanged: 1 });
    expect((await teacher("T0004"))?.roles).toEqual(["teacher", "reviewer"]);
  });

  it("marks a teacher who left as inactive", async () => {
    await run("A0001", [["T0301", "离职者", "S02", null, null, "在职"]]);
    expect((await run("A0001", [["T0301", "离职者", "S02", null, null, "离职"]])).summary.update).toBe(1);
    expect((await teacher("T0301"))?.active).toBe(false);
  });

  it("lets a school admin import only their own school's lines and not grant the region-wide role", async () => {
    const report = await run("T0001", [
      ["T0401", "本校新人", "S01", null, null, null],
      ["T0402", "外校新人", "S02", null, null, null],
      ["T0006", "杨帆", "S01", null, null, null],
      ["T0403", "想当区管", "S01", null, "区域管理员", null],
      ["A0001", "马红", "S01", null, null, null],
    ]);
    expect(report.errors).toEqual([
      { row: 3, column: "学校", message: "学校管理员只能导入本校教师，本行是「博乐市实验小学」" },
      { row: 4, column: "工号", message: "工号 T0006 已登记在其他学校或单位，学校管理员只能修改本校教师" },
      { row: 5, column: "角色", message: "学校管理员不能授予区域管理员角色" },
      { row: 6, column: "工号", message: "工号 A0001 已登记在其他学校或单位，学校管理员只能修改本校教师" },
    ]);
    expect(await teacher("T0401")).toBeNull();
    const own = await run("T0001", [["T0401", "本校新人", "S01", null, null, null]]);
    expect(own).toMatchObject({ ok: true, summary: { create: 1 } });
  });

  it("settles two simultaneous imports of the same new 工号: one creates, the other finds it or is refused", async () => {
    const outcomes = await Promise.allSettled([1, 2].map(() => run("A0001", [["T0601", "同时", "S01", null, null, null]])));
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toMatchObject({ code: "roster_changed", kind: "conflict" });
    }
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled" && outcome.value.summary.create === 1)).toHaveLength(1);
    expect(await database.prisma.teacher.count({ where: { employeeNumber: "T0601" } })).toBe(1);
  });

  it("refuses plain teachers", async () => {
    expect((await refusal(run("T0002", [["T0501", "某", "S01"]]))).kind).toBe("forbidden");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf, type Actor } from "../../src/domain/actors.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { importTeachers } from "../../src/domain/imports/teachers.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { refusal } from "../support/refusal.js";
import { createBot } from "../../src/bot/pipeline.js";
import { loadTemplates } from "../../src/bot/templates.js";
import { createCoordination } from "../../src/coordination/index.js";
import { capturingLogger } from "../support/logger.js";
import { testSecretBox } from "../support/secrets.js";
import { csvTextOf, xlsxOf, type SheetCell } from "../support/spreadsheets.js";

const HEADER = ["工号", "姓名", "学校", "入职日期", "角色", "状态"];

describe.each(databaseKinds)("teacher roster import on %s", (kind) => {
  let database: TestDatabase;
  const actors: Record<string, Actor> = {};
  const secrets = testSecretBox();

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
      secrets,
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
      ["A0001", { file: "名单.xlsx", rows: 4, create: 2, update: 1, unchanged: 1, accounts: 0 }],
      ["A0001", { file: "名单.xlsx", rows: 4, create: 0, update: 0, unchanged: 4, accounts: 0 }],
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
    const report = await importTeachers(database.prisma, { actor: actors.A0001!, file: { name: "名单.csv", content }, dryRun: false, secrets });
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
      { row: 5, column: "角色", message: "只有区域管理员能授予或取消区域管理员角色。" },
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

  it("reads 工号 by the one rule: t0002 is T0002, spaces and full-width forms fold, 张三 is refused", async () => {
    const report = await run("A0001", [
      ["t0002", "王强", "S01", null, null, null],
      ["Ｔ 07 01", "新同事", "S01", null, null, null],
      ["张三", "张三", "S01", null, null, null],
    ]);
    expect(report.errors).toEqual([{ row: 4, column: "工号", message: "工号「张三」只能由字母、数字、-、_ 组成，例如 T0001" }]);
    expect(await run("A0001", [["t0002", "王强", "S01", null, null, null], ["Ｔ 07 01", "新同事", "S01", null, null, null]])).toMatchObject({
      ok: true,
      summary: { create: 1, unchanged: 1 },
    });
    expect(await database.prisma.teacher.count({ where: { employeeNumber: { in: ["t0002", "T0002"] } } })).toBe(1);
    expect(await teacher("T0701")).toMatchObject({ name: "新同事" });
  });

  it("refuses names with line breaks, bidi overrides or zero-width characters", async () => {
    const report = await run("A0001", [
      ["T0711", "王\n强", "S01", null, null, null],
      ["T0712", "\u202e强王", "S01", null, null, null],
      ["T0713", "王\u200b强", "S01", null, null, null],
    ]);
    expect(report.errors.map((error) => [error.row, error.column])).toEqual([[2, "姓名"], [3, "姓名"], [4, "姓名"]]);
    expect(await database.prisma.teacher.count({ where: { employeeNumber: { in: ["T0711", "T0712", "T0713"] } } })).toBe(0);
  });

  it("lets a school admin grant no role beyond 教师, nor change or deactivate a colleague holding one she lacks", async () => {
    const report = await run("T0001", [
      ["T0801", "新评审", "S01", null, "教师、评审员", null],
      ["T0005", "陈静", "S01", null, "教师、评审员", null],
      ["T0004", "刘洋", "S01", null, null, "离职"],
      ["T0004", "刘洋", "S01", null, "教师", null],
    ]);
    expect(report.errors).toEqual([
      { row: 2, column: "角色", message: "只有区域管理员能授予或取消评审员角色。" },
      { row: 3, column: "角色", message: "只有区域管理员能授予或取消评审员角色。" },
      { row: 4, column: "工号", message: "工号 T0004：这位是评审员，只有区域管理员能管理他的账号和角色。" },
      { row: 5, column: "工号", message: "工号 T0004 与第 4 行重复" },
    ]);
    expect(await teacher("T0004")).toMatchObject({ active: true, roles: ["teacher", "reviewer"] });
    expect(await teacher("T0801")).toBeNull();
    // Her school's full staff list, the reviewer unchanged on it, imports as it is.
    expect(await run("T0001", [["T0004", "刘洋", "S01", "2008-09-01", "教师、评审员", "在职"]])).toMatchObject({ ok: true, summary: { unchanged: 1 } });
    expect(await run("A0001", [["T0004", "刘洋", "S01", null, "教师", null]])).toMatchObject({ ok: true, summary: { update: 1 } });
    await database.prisma.teacher.update({ where: { id: (await teacher("T0004"))!.id }, data: { roles: ["teacher", "reviewer"] } });
  });

  describe("platform accounts and mobile numbers", () => {
    const HEADER_WITH_ACCOUNTS = ["工号", "姓名", "学校", "企业微信UserID", "钉钉账号", "手机号"];
    const runAccounts = (who: string, rows: SheetCell[][], dryRun = false) => run(who, rows, { header: HEADER_WITH_ACCOUNTS, dryRun });
    const identitiesOf = (employeeNumber: string) =>
      database.prisma.chatIdentity.findMany({ where: { teacher: { employeeNumber } }, orderBy: { platform: "asc" } });

    it("makes the roster's accounts the person's, from the roster, and keeps the mobile only as a keyed hash", async () => {
      const rows = [["T0007", "赵敏", "S02", "zhaomin", "dt-7001", "+86 138-0013-8000"]];
      const dry = await runAccounts("A0001", rows, true);
      expect(dry).toMatchObject({ ok: true, applied: false, summary: { update: 1, accounts: 2 } });
      expect(await identitiesOf("T0007")).toEqual([]);
      expect((await teacher("T0007"))?.mobileHash).toBeNull();

      expect(await runAccounts("A0001", rows)).toMatchObject({ ok: true, applied: true, summary: { update: 1, accounts: 2 } });
      const accounts = (await identitiesOf("T0007")).map((identity) => `${identity.platform}:${identity.platformUserId}:${identity.source}`);
      expect(accounts.sort()).toEqual(["dingtalk:dt-7001:roster", "wecom:zhaomin:roster"]);
      const zhao = await teacher("T0007");
      expect(zhao?.mobileHash).toBe(secrets.digest("mobile", "13800138000"));
      const audit = await database.prisma.auditLog.findFirstOrThrow({ where: { action: "import", entity: "teacher" }, orderBy: { at: "desc" } });
      expect(JSON.stringify([audit, zhao])).not.toMatch(/13800138000|138-0013-8000/);
      // The same file again changes nothing.
      expect(await runAccounts("A0001", rows)).toMatchObject({ ok: true, summary: { update: 0, unchanged: 1, accounts: 0 } });
    });

    it("replaces the person's self-bound account on that platform, but never takes an account bound to someone else", async () => {
      const huang = (await teacher("T0008"))!;
      const zhou = (await teacher("T0009"))!;
      await database.prisma.chatIdentity.createMany({
        data: [
          { platform: "wecom", platformUserId: "huang-old-phone", teacherId: huang.id, source: "bind_code" },
          { platform: "wecom", platformUserId: "zhouting", teacherId: zhou.id, source: "bind_code" },
        ],
      });
      const refused = await runAccounts("A0001", [
        ["T0008", "黄磊", "S02", "huanglei", null, null],
        ["T0010", "吴军", "S02", "zhouting", null, null],
        ["T0006", "杨帆", "S02", "huanglei", null, null],
        ["T0009", "周婷", "S02", null, null, "12345"],
      ]);
      expect(refused.errors).toEqual([
        { row: 3, column: "企业微信账号", message: "账号 zhouting 已是另一个人的聊天账号；如确属本人，请先在管理后台解绑，再导入" },
        { row: 4, column: "企业微信账号", message: "账号 huanglei 与第 2 行重复" },
        { row: 5, column: "手机", message: "应为 11 位手机号（如 138 0013 8000，可带 +86）" },
      ]);
      expect((await identitiesOf("T0009")).map((identity) => identity.platformUserId)).toEqual(["zhouting"]);
      expect((await identitiesOf("T0008")).map((identity) => identity.platformUserId)).toEqual(["huang-old-phone"]);

      expect(await runAccounts("A0001", [["T0008", "黄磊", "S02", "huanglei", null, null]])).toMatchObject({ ok: true, summary: { accounts: 1 } });
      expect((await identitiesOf("T0008")).map((identity) => [identity.platformUserId, identity.source])).toEqual([["huanglei", "roster"]]);
    });

    it("answers a WeCom message from a roster account as that person, with no 绑定", async () => {
      await runAccounts("A0001", [["T0010", "吴军", "S02", "wujun", null, null]]);
      const bot = createBot({
        prisma: database.prisma,
        templates: loadTemplates(),
        now: () => new Date("2026-11-23T02:00:00Z"),
        logger: capturingLogger().logger,
        secrets,
        coordination: createCoordination(),
      });
      const [reply] = await bot.handle({
        platform: "wecom",
        chatType: "direct",
        chatId: "wujun",
        senderId: "wujun",
        text: "我还差多少学分",
        mentionedBot: true,
        mentions: [],
        messageId: "roster-account-1",
        sentAt: new Date("2026-11-23T02:00:00Z"),
      });
      expect(reply?.text).toContain("吴军老师");
      expect(reply?.text).toContain("学分");
      expect(reply?.text).not.toContain("绑定");
    });
  });

  it("refuses plain teachers", async () => {
    expect((await refusal(run("T0002", [["T0501", "某", "S01"]]))).kind).toBe("forbidden");
  });
});

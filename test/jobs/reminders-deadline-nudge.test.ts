import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAnnualNudge } from "../../src/jobs/reminders/annual-nudge.js";
import { runDeadlineReminders } from "../../src/jobs/reminders/deadline-reminders.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { reminderWorld, type ReminderWorld } from "./reminders-fixture.js";

// 08:00 in Shanghai on the given local date.
const eightOn = (date: string) => new Date(`${date}T00:00:00Z`);

describe.each(databaseKinds)("deadline reminders and the annual nudge (%s)", (kind) => {
  let database: TestDatabase;
  let world: ReminderWorld;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    world = await reminderWorld(database.prisma);
  });
  afterAll(() => database?.dispose());
  beforeEach(async () => {
    await database.prisma.delivery.deleteMany();
    await database.prisma.reminderClaim.deleteMany();
    await database.prisma.submission.deleteMany({ where: { teacherId: world.teachers.T0003!.id } });
  });

  const rowsOf = (purpose: "deadline_reminder" | "annual_nudge") =>
    database.prisma.delivery.findMany({ where: { purpose }, orderBy: { idempotencyKey: "asc" } });
  const id = (employeeNumber: string) => world.teachers[employeeNumber]!.id;

  it("3 days before the due date: each group with someone late, and each bound late teacher directly, once", async () => {
    const now = eightOn("2026-11-27");
    expect(await runDeadlineReminders(world.deps(now), world.regionId)).toEqual({ reminders: 1, deliveries: 8 });
    const rows = await rowsOf("deadline_reminder");
    const { s01, s02, region } = world.groups;
    const a = world.assignmentId;
    expect(rows.map((row) => [row.idempotencyKey, row.platform, row.groupId, row.teacherId, row.mentions])).toEqual(
      [
        [`deadline:${a}:${s01.id}:3d`, "wecom", s01.id, null, ["wx-zhangli", "wx-lina"]],
        [`deadline:${a}:${s02.id}:3d`, "dingtalk", s02.id, null, ["dd-huanglei"]],
        [`deadline:${a}:${region.id}:3d`, "wecom", region.id, null, ["wx-zhangli", "wx-lina", "wx-zhouting"]],
        // T0001 is bound on both platforms: one message, on the account bound first. T0010 is not bound at all.
        [`deadline:${a}:${id("T0001")}:3d:direct`, "wecom", null, id("T0001"), []],
        [`deadline:${a}:${id("T0003")}:3d:direct`, "wecom", null, id("T0003"), []],
        [`deadline:${a}:${id("T0004")}:3d:direct`, "dingtalk", null, id("T0004"), []],
        [`deadline:${a}:${id("T0008")}:3d:direct`, "dingtalk", null, id("T0008"), []],
        [`deadline:${a}:${id("T0009")}:3d:direct`, "wecom", null, id("T0009"), []],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(rows.every((row) => row.notBefore.getTime() === now.getTime())).toBe(true);
    const group = rows.find((row) => row.groupId === s01.id)!;
    expect(group.content).toBe(
      [
        "⏰ 「集中培训心得体会」11月30日截止，还剩 3 天，不少于 1000 字。",
        "还有 3 位老师没交，私聊我发「我的作业」就能看到怎么交。",
        "刘洋老师还没绑定账号，麻烦同事转告一声 🙏",
      ].join("\n"),
    );
    const sentBack = rows.find((row) => row.teacherId === id("T0004"))!;
    expect(sentBack.content).toBe(
      ["刘洋老师好，「集中培训心得体会」11月30日截止，还剩 3 天，不少于 1000 字。", "上次提交被退回了，改好后再交一次就行。", "发「我的作业」看怎么交，交了就不再提醒啦 😊"].join("\n"),
    );
    expect(rows.find((row) => row.teacherId === id("T0003"))!.content).not.toContain("退回");

    // The hourly tick later that day, and a second instance, add nothing.
    const again = await Promise.all([runDeadlineReminders(world.deps(eightOn("2026-11-27")), world.regionId), runDeadlineReminders(world.deps(new Date("2026-11-27T05:00:00Z")), world.regionId)]);
    expect(again).toEqual([{ reminders: 0, deliveries: 0 }, { reminders: 0, deliveries: 0 }]);
    expect(await database.prisma.delivery.count()).toBe(8);
    // Two days before: no reminder is due.
    expect(await runDeadlineReminders(world.deps(eightOn("2026-11-28")), world.regionId)).toEqual({ reminders: 0, deliveries: 0 });
  });

  it("skips pending and external groups; with late-lists kept to counts, names nobody in groups and still writes directly", async () => {
    const { prisma } = database;
    const schoolId = world.groups.s01.schoolId;
    const pending = await prisma.chatGroup.create({ data: { platform: "wecom", chatId: "wx-s01-new", regionId: world.regionId, schoolId } });
    const outside = await prisma.chatGroup.create({ data: { platform: "wecom", chatId: "wx-s01-out", regionId: world.regionId, schoolId, status: "approved", external: true } });
    await prisma.region.update({ where: { id: world.regionId }, data: { lateListInGroups: "counts" } });
    try {
      expect(await runDeadlineReminders(world.deps(eightOn("2026-11-27")), world.regionId)).toEqual({ reminders: 1, deliveries: 8 });
      const rows = await rowsOf("deadline_reminder");
      expect(rows.filter((row) => row.groupId === pending.id || row.groupId === outside.id)).toEqual([]);
      const inGroups = rows.filter((row) => row.groupId !== null);
      expect(inGroups.map((row) => row.mentions)).toEqual([[], [], []]);
      for (const row of inGroups) expect(row.content).not.toContain("没绑定");
      expect(rows.filter((row) => row.teacherId !== null)).toHaveLength(5);
    } finally {
      await prisma.region.update({ where: { id: world.regionId }, data: { lateListInGroups: "names" } });
      await prisma.chatGroup.deleteMany({ where: { id: { in: [pending.id, outside.id] } } });
    }
  });

  it("1 day before: only those who still have not handed in", async () => {
    await runDeadlineReminders(world.deps(eightOn("2026-11-27")), world.regionId);
    await database.prisma.submission.create({ data: { assignmentId: world.assignmentId, teacherId: id("T0003"), link: "https://example.com/T0003" } });
    // 00:30 local on the day before the due date: the reminder waits for the end of the quiet hours.
    const afterMidnight = new Date("2026-11-28T16:30:00Z");
    expect(await runDeadlineReminders(world.deps(afterMidnight), world.regionId)).toEqual({ reminders: 1, deliveries: 7 });
    const oneDay = (await rowsOf("deadline_reminder")).filter((row) => /:1d(:|$)/.test(row.idempotencyKey));
    expect(oneDay.map((row) => row.teacherId).filter(Boolean).sort()).toEqual([id("T0001"), id("T0004"), id("T0008"), id("T0009")].sort());
    const s01 = oneDay.find((row) => row.groupId === world.groups.s01.id)!;
    expect(s01.mentions).toEqual(["wx-zhangli"]);
    expect(s01.content).toContain("还剩 1 天");
    expect(s01.content).toContain("还有 2 位老师没交");
    expect(oneDay.every((row) => row.notBefore.getTime() === new Date("2026-11-28T23:30:00Z").getTime())).toBe(true);
  });

  it("the annual nudge reaches only teachers short of this year's minimum, once a year, in the nudge month", async () => {
    expect(await runAnnualNudge(world.deps(new Date("2026-10-30T02:00:00Z")), world.regionId)).toEqual({ year: null, nudged: 0 });
    const november = new Date("2026-11-10T02:00:00Z");
    expect(await runAnnualNudge(world.deps(november), world.regionId)).toEqual({ year: 2026, nudged: 2 });
    const rows = await rowsOf("annual_nudge");
    // T0003 李娜 (nothing this year) and T0009 周婷 (50 of 72); the region admin A0001 is no teacher.
    expect(rows.map((row) => [row.idempotencyKey, row.platform, row.teacherId, row.groupId, row.notBefore])).toEqual(
      [
        [`nudge:${id("T0003")}:2026`, "wecom", id("T0003"), null, november],
        [`nudge:${id("T0009")}:2026`, "wecom", id("T0009"), null, november],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    const zhou = rows.find((row) => row.teacherId === id("T0009"))!;
    expect(zhou.content).toBe(
      [
        "周婷老师好，2026年的学时还差一点：已完成 50 / 72 学时，还差 22 学时，请在2026年12月31日前补上。",
        "可以这样补：",
        "· 还需参加培训 22 学时（2026年培训学时还差 22 学时，年度最低 72 学时，2026年12月31日前完成）",
        "回复「我还差多少学分」看详情，有问题随时问我 😊",
      ].join("\n"),
    );
    const claims = await database.prisma.reminderClaim.findMany({ where: { kind: "annual_nudge" } });
    expect(claims.map((claim) => claim.period)).toEqual(["2026", "2026"]);

    expect(await runAnnualNudge(world.deps(new Date("2026-11-20T02:00:00Z")), world.regionId)).toEqual({ year: 2026, nudged: 0 });
    expect(await database.prisma.delivery.count()).toBe(2);
  });
});

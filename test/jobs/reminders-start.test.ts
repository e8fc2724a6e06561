import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runStartReminders } from "../../src/jobs/reminders/start-reminders.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { reminderWorld, type ReminderWorld } from "./reminders-fixture.js";

// 08:00 in Shanghai on the given local date.
const eightOn = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * What 报名 promises: the day before P2026-02 starts (2026-12-14), its enrolled teachers hear it directly
 * and their school's group hears it once. Enrolled: T0001 (S01, WeCom and DingTalk), T0003 (S01, WeCom),
 * T0008 (S02, DingTalk), T0010 (S02, unbound); T0009 enrolled and cancelled.
 */
describe.each(databaseKinds)("start reminders (%s)", (kind) => {
  let database: TestDatabase;
  let world: ReminderWorld;
  const id = (employeeNumber: string) => world.teachers[employeeNumber]!.id;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    world = await reminderWorld(database.prisma);
    const project = await database.prisma.trainingProject.findFirstOrThrow({ where: { code: "P2026-02" } });
    for (const employeeNumber of ["T0001", "T0003", "T0008", "T0010"]) {
      await database.prisma.enrollment.create({ data: { projectId: project.id, teacherId: id(employeeNumber) } });
    }
    await database.prisma.enrollment.create({ data: { projectId: project.id, teacherId: id("T0009"), status: "cancelled" } });
  });
  afterAll(() => database?.dispose());
  beforeEach(async () => {
    await database.prisma.delivery.deleteMany();
    await database.prisma.reminderClaim.deleteMany();
  });

  const rows = () => database.prisma.delivery.findMany({ where: { purpose: "start_reminder" }, orderBy: { idempotencyKey: "asc" } });

  it("the day before: each enrolled teacher directly and each school group with enrolled teachers, exactly once", async () => {
    const project = await database.prisma.trainingProject.findFirstOrThrow({ where: { code: "P2026-02" } });
    const now = eightOn("2026-12-13");
    expect(await runStartReminders(world.deps(now), world.regionId)).toEqual({ reminders: 1, deliveries: 5 });
    const { s01, s02 } = world.groups;
    const p = project.id;
    expect((await rows()).map((row) => [row.idempotencyKey, row.platform, row.groupId, row.teacherId, row.mentions])).toEqual(
      [
        // The region-level group speaks for no school: it hears nothing.
        [`start:${p}:${s01.id}`, "wecom", s01.id, null, ["wx-zhangli", "wx-lina"]],
        [`start:${p}:${s02.id}`, "dingtalk", s02.id, null, ["dd-huanglei"]],
        // T0001 is bound on both platforms: one message. T0010 is not bound; T0009 cancelled.
        [`start:${p}:${id("T0001")}:direct`, "wecom", null, id("T0001"), []],
        [`start:${p}:${id("T0003")}:direct`, "wecom", null, id("T0003"), []],
        [`start:${p}:${id("T0008")}:direct`, "dingtalk", null, id("T0008"), []],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    const all = await rows();
    expect(all.every((row) => row.notBefore.getTime() === now.getTime())).toBe(true);
    expect(all.find((row) => row.groupId === s02.id)!.content).toBe(
      ["📅 明天（12月14日）开班：P2026-02 信息技术与学科教学融合专题培训", "本校 2 位老师报了名，请提前安排好课务，准时参加。", "吴军老师还没绑定账号，麻烦同事转告一声 🙏"].join("\n"),
    );
    expect(all.find((row) => row.teacherId === id("T0003"))!.content).toBe("李娜老师好，你报名的 P2026-02 信息技术与学科教学融合专题培训 明天（12月14日）开班，请准时参加。");

    // The hourly tick later that day, and a second instance at once, add nothing.
    const again = await Promise.all([runStartReminders(world.deps(now), world.regionId), runStartReminders(world.deps(new Date("2026-12-13T05:00:00Z")), world.regionId)]);
    expect(again).toEqual([{ reminders: 0, deliveries: 0 }, { reminders: 0, deliveries: 0 }]);
    expect(await database.prisma.delivery.count()).toBe(5);
  });

  it("sends nothing on other days", async () => {
    expect(await runStartReminders(world.deps(eightOn("2026-12-12")), world.regionId)).toEqual({ reminders: 0, deliveries: 0 });
    expect(await runStartReminders(world.deps(eightOn("2026-12-14")), world.regionId)).toEqual({ reminders: 0, deliveries: 0 });
    expect(await database.prisma.delivery.count()).toBe(0);
  });

  it("inside quiet hours the messages wait until they end", async () => {
    const lateEvening = new Date("2026-12-13T13:30:00Z"); // 21:30 in Shanghai
    expect(await runStartReminders(world.deps(lateEvening), world.regionId)).toEqual({ reminders: 1, deliveries: 5 });
    expect(new Set((await rows()).map((row) => row.notBefore.toISOString()))).toEqual(new Set(["2026-12-13T23:30:00.000Z"]));
  });
});

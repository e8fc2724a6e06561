import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createCoordination, type Coordination, type JobContext } from "../../src/coordination/index.js";
import { startReminders, upcomingReminderJobs, type Reminders } from "../../src/jobs/reminders/index.js";
import { REMINDER_QUEUE, syncReminderSchedules, type RegionSchedule, type ReminderJobData } from "../../src/jobs/reminders/schedules.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { capturingLogger } from "../support/logger.js";
import { redisUrl, uniqueRedisPrefix } from "../support/services.js";
import { reminderWorld, type ReminderWorld } from "./reminders-fixture.js";

const region: RegionSchedule = { id: "r1", timezone: "Asia/Shanghai", weeklyDigestCron: "0 9 * * 1", annualNudgeMonth: 11 };

describe("reminder schedules on the in-process scheduler (fake timers)", () => {
  let coordination: Coordination;
  afterEach(async () => {
    await coordination.close();
    vi.useRealTimers();
  });

  it("fires the weekly digest Monday 09:00 Asia/Shanghai (01:00 UTC), and honours a changed region cron", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(new Date("2026-11-22T12:00:00Z")); // Sunday 20:00 in Shanghai
    coordination = createCoordination();
    const queue = coordination.queue<ReminderJobData>(REMINDER_QUEUE);
    const fired: { name: string; regionId: string | null; at: string }[] = [];
    queue.process(async (job: JobContext<ReminderJobData>) => {
      fired.push({ name: job.name, regionId: job.data.regionId, at: new Date().toISOString() });
    });
    const { logger } = capturingLogger();
    await syncReminderSchedules(queue, [region], logger);
    const next = Object.fromEntries((await queue.listSchedules()).map((info) => [info.schedulerId, info.nextRunAt?.toISOString()]));
    expect(next).toEqual({
      "annual-nudge-r1": "2026-11-23T02:00:00.000Z",
      "data-retention": "2026-11-22T19:30:00.000Z",
      "deadline-reminders-r1": "2026-11-23T00:00:00.000Z",
      "reminder-schedules-sync": "2026-11-22T12:10:00.000Z",
      "start-reminders-r1": "2026-11-23T00:00:00.000Z",
      "weekly-digest-r1": "2026-11-23T01:00:00.000Z",
    });

    await vi.advanceTimersByTimeAsync(Date.parse("2026-11-23T01:00:00Z") - Date.now());
    const digests = () => fired.filter((job) => job.name === "weekly-digest");
    expect(digests()).toEqual([{ name: "weekly-digest", regionId: "r1", at: "2026-11-23T01:00:00.000Z" }]);
    expect(fired.filter((job) => job.name === "deadline-reminders").map((job) => job.at)).toEqual(["2026-11-23T00:00:00.000Z", "2026-11-23T01:00:00.000Z"]);

    // The region moves its digest to Wednesday 18:30 and turns the nudge off; the next sync applies it.
    await syncReminderSchedules(queue, [{ ...region, weeklyDigestCron: "30 18 * * 3", annualNudgeMonth: null }], logger);
    const schedules = await queue.listSchedules();
    expect(schedules.map((info) => info.schedulerId)).toEqual(["data-retention", "deadline-reminders-r1", "reminder-schedules-sync", "start-reminders-r1", "weekly-digest-r1"]);
    expect(schedules.find((info) => info.name === "weekly-digest")).toMatchObject({ pattern: "30 18 * * 3", tz: "Asia/Shanghai", nextRunAt: new Date("2026-11-25T10:30:00Z") });
    await vi.advanceTimersByTimeAsync(Date.parse("2026-11-30T02:00:00Z") - Date.now());
    expect(digests().map((job) => job.at)).toEqual(["2026-11-23T01:00:00.000Z", "2026-11-25T10:30:00.000Z"]);
    expect(fired.some((job) => job.name === "annual-nudge")).toBe(false);
  });

  it("a region whose stored cron is invalid is logged and the others still get their schedules", async () => {
    coordination = createCoordination();
    const queue = coordination.queue<ReminderJobData>(REMINDER_QUEUE);
    const { logger, lines } = capturingLogger();
    await syncReminderSchedules(queue, [{ ...region, id: "bad", weeklyDigestCron: "every monday" }, region], logger);
    expect((await queue.listSchedules()).map((info) => info.schedulerId)).toContain("weekly-digest-r1");
    expect(lines().find((line) => line.schedulerId === "weekly-digest-bad")).toMatchObject({ msg: "reminder schedule refused; fix the region's settings" });
  });
});

const kind = databaseKinds[0]!;

describe.skipIf(!redisUrl)(`reminder schedules on BullMQ with two instances (${kind})`, () => {
  let database: TestDatabase;
  let world: ReminderWorld;
  const instances: { coordination: Coordination; reminders: Reminders }[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    world = await reminderWorld(database.prisma);
  });
  afterAll(async () => {
    for (const { reminders, coordination } of instances) {
      await reminders.close();
      await coordination.close();
    }
    await database?.dispose();
  });

  it("two instances running the weekly scheduler → only one digest per group", async () => {
    // Every second, so that several ticks fire during the test; each group is still claimed once for the week.
    await database.prisma.region.update({ where: { id: world.regionId }, data: { weeklyDigestCron: "* * * * * *" } });
    const keyPrefix = uniqueRedisPrefix("reminders");
    const monday = new Date("2026-12-07T01:00:00Z");
    for (let i = 0; i < 2; i += 1) {
      const coordination = createCoordination({ redis: { url: redisUrl!, keyPrefix } });
      const deps = world.deps(monday);
      instances.push({ coordination, reminders: await startReminders({ ...deps, coordination }) });
    }
    const upcoming = await upcomingReminderJobs(instances[0]!.coordination);
    expect(upcoming.find((info) => info.schedulerId === `weekly-digest-${world.regionId}`)).toMatchObject({
      name: "weekly-digest",
      pattern: "* * * * * *",
      tz: "Asia/Shanghai",
    });

    await vi.waitFor(async () => expect(await database.prisma.reminderClaim.count({ where: { kind: "weekly_digest" } })).toBe(3), { timeout: 10_000, interval: 200 });
    // Let a few more ticks fire on both instances.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const digests = await database.prisma.delivery.findMany({ where: { purpose: "weekly_digest" } });
    expect(digests.map((row) => row.idempotencyKey).sort()).toEqual(
      Object.values(world.groups).map((group) => `weekly_digest:${group.id}:2026-W50`).sort(),
    );
  });
});

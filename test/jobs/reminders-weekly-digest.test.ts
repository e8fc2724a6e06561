import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimAndEnqueue } from "../../src/jobs/reminders/claim.js";
import { runWeeklyDigest } from "../../src/jobs/reminders/weekly-digest.js";
import { lastRuns } from "../../src/jobs/reminders/index.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { reminderWorld, type ReminderWorld } from "./reminders-fixture.js";

// Monday 2026-12-07 09:00 in Shanghai: the assignment due 2026-11-30 is a week overdue. ISO week 2026-W50.
const MONDAY_NINE = new Date("2026-12-07T01:00:00Z");

describe.each(databaseKinds)("weekly overdue digest (%s)", (kind) => {
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
  });

  const digests = () => database.prisma.delivery.findMany({ where: { purpose: "weekly_digest" }, orderBy: { idempotencyKey: "asc" } });

  it("skips pending groups and groups with outside members", async () => {
    const { prisma } = database;
    const s01 = world.groups.s01;
    const pending = await prisma.chatGroup.create({ data: { platform: "wecom", chatId: "wx-s01-parents", regionId: world.regionId, schoolId: s01.schoolId } });
    const outside = await prisma.chatGroup.create({
      data: { platform: "wecom", chatId: "wx-s01-mixed", regionId: world.regionId, schoolId: s01.schoolId, status: "approved", external: true },
    });
    try {
      expect(await runWeeklyDigest(world.deps(MONDAY_NINE), world.regionId)).toMatchObject({ groups: 3, sent: 3 });
      expect(await prisma.delivery.count({ where: { groupId: { in: [pending.id, outside.id] } } })).toBe(0);
    } finally {
      await prisma.chatGroup.deleteMany({ where: { id: { in: [pending.id, outside.id] } } });
    }
  });

  it("with late-lists kept to counts, says how many are late in each group, naming and @-mentioning nobody", async () => {
    await database.prisma.region.update({ where: { id: world.regionId }, data: { lateListInGroups: "counts" } });
    try {
      await runWeeklyDigest(world.deps(MONDAY_NINE), world.regionId);
      const school1 = (await digests()).find((row) => row.groupId === world.groups.s01.id)!;
      expect(school1.mentions).toEqual([]);
      expect(school1.content).toBe(
        [
          "📋 本周逾期作业（博乐市第一中学）：3 位老师还有作业没交",
          "· 「集中培训心得体会」11月30日已截止：还有 3 位老师没交（1 位被退回待重交）",
          "请尽快补交，私聊我发「我的作业」就能看到怎么交 💪",
        ].join("\n"),
      );
      for (const row of await digests()) expect(row.content).not.toMatch(/张丽|李娜|刘洋|黄磊|周婷|吴军|没绑定/);
    } finally {
      await database.prisma.region.update({ where: { id: world.regionId }, data: { lateListInGroups: "names" } });
    }
  });

  it("sends each group one digest naming its late teachers and @-mentioning those bound on its platform", async () => {
    const outcome = await runWeeklyDigest(world.deps(MONDAY_NINE), world.regionId);
    expect(outcome).toEqual({ week: "2026-W50", groups: 3, claimed: 3, sent: 3 });
    const { s01, s02, region } = world.groups;
    const byGroup = new Map((await digests()).map((row) => [row.groupId, row]));

    const school1 = byGroup.get(s01.id)!;
    expect(school1).toMatchObject({
      idempotencyKey: `weekly_digest:${s01.id}:2026-W50`,
      regionId: world.regionId,
      platform: "wecom",
      teacherId: null,
      status: "pending",
      mentions: ["wx-zhangli", "wx-lina"],
      notBefore: MONDAY_NINE,
    });
    expect(school1.content).toBe(
      [
        "📋 本周逾期作业（博乐市第一中学）：3 位老师还有作业没交",
        "· 「集中培训心得体会」11月30日已截止：张丽、李娜、刘洋（1 位被退回待重交）",
        "请尽快补交，私聊我发「我的作业」就能看到怎么交 💪",
        "刘洋老师还没绑定账号，麻烦同事转告一声 🙏",
      ].join("\n"),
    );

    const school2 = byGroup.get(s02.id)!;
    expect(school2).toMatchObject({ platform: "dingtalk", mentions: ["dd-huanglei"] });
    expect(school2.content).toContain("（博乐市实验小学）：3 位老师");
    expect(school2.content).toContain("：黄磊、周婷、吴军\n");
    expect(school2.content).toContain("周婷、吴军老师还没绑定账号");

    // A region-level group hears about the whole region, as 催交 in it would.
    const whole = byGroup.get(region.id)!;
    expect(whole).toMatchObject({ platform: "wecom", mentions: ["wx-zhangli", "wx-lina", "wx-zhouting"] });
    expect(whole.content).toContain("：张丽、李娜、刘洋、黄磊、周婷、吴军（1 位被退回待重交）");

    const claims = await database.prisma.reminderClaim.findMany({ orderBy: { scope: "asc" } });
    expect(claims.map((claim) => [claim.kind, claim.scope, claim.period])).toEqual(
      [s01.id, s02.id, region.id].sort().map((id) => ["weekly_digest", id, "2026-W50"]),
    );
    expect(await lastRuns(database.prisma)).toMatchObject([{ kind: "weekly_digest", period: "2026-W50", claims: 3 }]);
  });

  it("two instances running the digest at once → only one digest per group", async () => {
    const [first, second] = await Promise.all([
      runWeeklyDigest(world.deps(MONDAY_NINE), world.regionId),
      runWeeklyDigest(world.deps(MONDAY_NINE), world.regionId),
    ]);
    expect(first.claimed + second.claimed).toBe(3);
    expect((await digests()).map((row) => row.groupId).sort()).toEqual(Object.values(world.groups).map((group) => group.id).sort());
  });

  it("a run that died after the first group is completed by the next run without sending anything twice", async () => {
    await runWeeklyDigest(world.deps(MONDAY_NINE), world.regionId);
    const { s01, s02, region } = world.groups;
    // What a worker killed after committing its first group leaves behind: that group's claim and digest only.
    await database.prisma.delivery.deleteMany({ where: { groupId: { in: [s02.id, region.id] } } });
    await database.prisma.reminderClaim.deleteMany({ where: { scope: { in: [s02.id, region.id] } } });
    const survivor = await database.prisma.delivery.findFirstOrThrow({ where: { groupId: s01.id } });

    const rerun = await runWeeklyDigest(world.deps(new Date("2026-12-07T01:05:00Z")), world.regionId);
    expect(rerun).toMatchObject({ claimed: 2, sent: 2 });
    const rows = await digests();
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.groupId === s01.id)).toEqual(survivor);
    expect(await runWeeklyDigest(world.deps(new Date("2026-12-10T03:00:00Z")), world.regionId)).toMatchObject({ claimed: 0, sent: 0 });
  });

  it("a crash between the claim and the message leaves neither, so the group is not skipped", async () => {
    const run = { kind: "weekly_digest", scope: world.groups.s01.id, period: "2026-W50" } as const;
    // A delivery that cannot be written (no such region) fails the transaction after the claim was inserted.
    const broken = { idempotencyKey: "broken", regionId: "no-such-region", purpose: "weekly_digest", platform: "wecom", content: "x" } as const;
    await expect(claimAndEnqueue(database.prisma, run, [broken])).rejects.toThrow();
    expect(await database.prisma.reminderClaim.count()).toBe(0);
    expect(await runWeeklyDigest(world.deps(MONDAY_NINE), world.regionId)).toMatchObject({ claimed: 3, sent: 3 });
  });

  it("counts the week in the region's time zone: Monday 01:00 in Shanghai is still Sunday in UTC", async () => {
    const outcome = await runWeeklyDigest(world.deps(new Date("2026-12-06T17:30:00Z")), world.regionId);
    expect(outcome.week).toBe("2026-W50");
    // 01:30 local is in the quiet hours: the digest waits until 07:30 local.
    expect((await digests()).map((row) => row.notBefore)).toEqual([0, 1, 2].map(() => new Date("2026-12-06T23:30:00Z")));
  });

  it("a new week gets a new digest; nobody overdue means a claim without a message", async () => {
    await runWeeklyDigest(world.deps(MONDAY_NINE), world.regionId);
    await runWeeklyDigest(world.deps(new Date("2026-12-14T01:00:00Z")), world.regionId);
    expect((await digests()).map((row) => row.idempotencyKey.split(":")[2]).sort()).toEqual([
      ...[0, 1, 2].map(() => "2026-W50"),
      ...[0, 1, 2].map(() => "2026-W51"),
    ]);
    // Before the due date nothing is overdue.
    const early = await runWeeklyDigest(world.deps(new Date("2026-11-23T01:00:00Z")), world.regionId);
    expect(early).toMatchObject({ week: "2026-W48", claimed: 3, sent: 0 });
  });
});

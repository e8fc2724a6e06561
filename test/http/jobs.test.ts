import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoordination, type Coordination } from "../../src/coordination/index.js";
import type { DeliveryStatus } from "../../src/generated/prisma/client.js";
import { REMINDER_QUEUE } from "../../src/jobs/reminders/index.js";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds } from "../support/database.js";

/**
 * GET /jobs over the demo region at 2026-11-23 10:00 (Shanghai): a weekly digest scheduled for this region
 * and one for another, deliveries to a group of S01, a group of S02 and a teacher of S01, and the claims
 * of last week's digest.
 */
describe.each(databaseKinds)("admin API: GET /jobs (%s)", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let coordination: Coordination;
  const RECENT = new Date("2026-11-22T02:00:00Z");

  beforeAll(async () => {
    coordination = createCoordination({});
    api = await startAdminApi(kind, undefined, { coordination });
    const prisma = api.database.prisma;
    const region = await prisma.region.findUniqueOrThrow({ where: { code: "demo-bozhou" } });
    const schools = await prisma.school.findMany({ where: { regionId: region.id } });
    const schoolId = (code: string) => schools.find((school) => school.code === code)!.id;
    const group = (chatId: string, name: string, code: string) =>
      prisma.chatGroup.create({ data: { platform: "playground", chatId, name, regionId: region.id, schoolId: schoolId(code), status: "approved" } });
    const s01 = await group("jobs-s01", "一中语文组", "S01");
    const s02 = await group("jobs-s02", "实验小学全体", "S02");

    const queue = coordination.queue<{ regionId: string | null }>(REMINDER_QUEUE);
    await queue.schedule(`weekly-digest-${region.id}`, { pattern: "0 9 * * 1", tz: "Asia/Shanghai" }, "weekly-digest", { regionId: region.id });
    await queue.schedule("weekly-digest-elsewhere", { pattern: "0 8 * * 5", tz: "Asia/Urumqi" }, "weekly-digest", { regionId: "elsewhere" });

    let sequence = 0;
    const delivery = (status: DeliveryStatus, target: { groupId: string } | { teacherId: string }, extra: object = {}) =>
      prisma.delivery.create({
        data: {
          idempotencyKey: `jobs-test-${++sequence}`,
          regionId: region.id,
          purpose: "notice",
          platform: "playground",
          content: "测试",
          status,
          createdAt: RECENT,
          ...target,
          ...extra,
        },
      });
    await delivery("sent", { groupId: s01.id });
    await delivery("sent", { groupId: s02.id });
    await delivery("pending", { groupId: s01.id });
    await delivery("failed", { groupId: s02.id }, { attempts: 5, lastError: "平台限流，重试后仍失败" });
    await delivery("dead", { teacherId: api.ids.T0002! }, { purpose: "deadline_reminder", attempts: 1, lastError: "对方未开通私聊" });
    // A week and more ago: outside the counts, still among the latest failures.
    await delivery("dead", { groupId: s01.id }, { createdAt: new Date("2026-11-01T02:00:00Z"), lastError: "群机器人已被移除" });

    await prisma.reminderClaim.createMany({
      data: [s01, s02].map((g) => ({ kind: "weekly_digest", scope: g.id, period: "2026-W47", claimedAt: new Date("2026-11-16T01:00:00Z") })),
    });
  });

  afterAll(async () => {
    await coordination?.close();
    await api?.close();
  });

  it("shows a region administrator the region's schedules, last runs, counts and failures", async () => {
    const answer = await api.call("A0001", "GET", "/jobs");
    expect(answer.status).toBe(200);
    const { upcoming, lastRuns, deliveries, recentFailures, since } = answer.body;
    expect(upcoming).toEqual([{ name: "weekly-digest", pattern: "0 9 * * 1", tz: "Asia/Shanghai", next: expect.any(String) }]);
    expect(new Date(upcoming[0].next).getUTCDay()).toBe(1);
    expect(lastRuns).toEqual([
      { kind: "weekly_digest", period: "2026-W47", claims: 2, firstClaimedAt: "2026-11-16T01:00:00.000Z", lastClaimedAt: "2026-11-16T01:00:00.000Z" },
    ]);
    expect(since).toBe("2026-11-16T02:00:00.000Z");
    expect(deliveries).toEqual({ pending: 1, sent: 2, failed: 1, dead: 1 });
    expect(recentFailures).toHaveLength(3);
    expect(recentFailures.map((f: { lastError: string }) => f.lastError).sort()).toEqual(["对方未开通私聊", "平台限流，重试后仍失败", "群机器人已被移除"]);
    expect(recentFailures.find((f: { status: string }) => f.status === "failed")).toMatchObject({
      purpose: "notice",
      groupName: "实验小学全体",
      teacherName: null,
      attempts: 5,
      updatedAt: expect.any(String),
    });
    expect(recentFailures.find((f: { teacherName: string | null }) => f.teacherName !== null)).toMatchObject({
      purpose: "deadline_reminder",
      groupName: null,
      teacherName: "王强",
      status: "dead",
    });
  });

  it("keeps a school administrator to their school's deliveries", async () => {
    const s01 = await api.call("T0001", "GET", "/jobs");
    expect(s01.status).toBe(200);
    expect(s01.body.deliveries).toEqual({ pending: 1, sent: 1, failed: 0, dead: 1 });
    expect(s01.body.recentFailures.map((f: { lastError: string }) => f.lastError).sort()).toEqual(["对方未开通私聊", "群机器人已被移除"]);
    const s02 = await api.call("T0006", "GET", "/jobs");
    expect(s02.body.deliveries).toEqual({ pending: 0, sent: 1, failed: 1, dead: 0 });
    expect(s02.body.upcoming).toHaveLength(1);
  });

  it("refuses teachers and reviewers", async () => {
    expect(await api.call("T0002", "GET", "/jobs")).toMatchObject({ status: 403, body: { error: "forbidden" } });
    expect((await api.call("T0004", "GET", "/jobs")).status).toBe(403);
  });
});

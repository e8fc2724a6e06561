import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoordination, type Coordination } from "../../src/coordination/index.js";
import { REMINDER_QUEUE } from "../../src/jobs/reminders/index.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";

/**
 * 发送情况 over the demo region at 2026-11-23 10:00 (Shanghai): 马红 (A0001) runs the region, 张丽 (T0001)
 * school S01, 王强 (T0002) only teaches. The weekly digest is scheduled for Mondays 09:00 and last ran in
 * week 47; four messages did not arrive, each for a reason.
 */
describe.each(databaseKinds)("发送情况 on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  let coordination: Coordination;
  const ask = async (employeeNumber: string, text: string) => {
    const replies = await bot.as(`u-${employeeNumber}`)(text);
    expect(replies).toHaveLength(1);
    return replies[0]!.text;
  };

  beforeAll(async () => {
    coordination = createCoordination({});
    bot = await startBot(kind, undefined, { coordination });
    for (const employeeNumber of ["A0001", "T0001", "T0002"]) expect((await bot.bind(`u-${employeeNumber}`, employeeNumber))[0]?.text).toContain("绑定好了");
    const prisma = bot.database.prisma;
    const region = await prisma.region.findUniqueOrThrow({ where: { code: "demo-bozhou" } });
    const s01 = await prisma.school.findFirstOrThrow({ where: { regionId: region.id, code: "S01" } });
    const s02 = await prisma.school.findFirstOrThrow({ where: { regionId: region.id, code: "S02" } });
    const group = (chatId: string, name: string, schoolId: string) =>
      prisma.chatGroup.create({ data: { platform: "playground", chatId, name, regionId: region.id, schoolId, status: "approved" } });
    const languageGroup = await group("jobs-s01", "一中语文组", s01.id);
    const wholeSchool = await group("jobs-s02", "实验小学全体", s02.id);

    await coordination
      .queue<{ regionId: string | null }>(REMINDER_QUEUE)
      .schedule(`weekly-digest-${region.id}`, { pattern: "0 9 * * 1", tz: "Asia/Shanghai" }, "weekly-digest", { regionId: region.id });
    await prisma.reminderClaim.createMany({
      data: [languageGroup, wholeSchool].map((g) => ({ kind: "weekly_digest", scope: g.id, period: "2026-W47", claimedAt: new Date("2026-11-16T01:00:00Z") })),
    });

    const deliveries: [status: "sent" | "failed" | "dead", groupId: string, lastError: string | null, updatedAt: string][] = [
      ["sent", languageGroup.id, null, "2026-11-22T01:00:00Z"],
      ["sent", wholeSchool.id, null, "2026-11-22T01:00:00Z"],
      ["dead", wholeSchool.id, "errcode 45009: api freq out of limit, hint: [1700000000_1_abc], more info at https://open.work.weixin.qq.com/devtool/query?e=45009", "2026-11-20T01:00:00Z"],
      ["failed", languageGroup.id, "平台限流，重试后仍失败", "2026-11-21T01:00:00Z"],
      ["dead", languageGroup.id, "群机器人已被移除", "2026-11-22T06:30:00Z"],
      ["dead", wholeSchool.id, "很早以前的失败", "2026-11-18T01:00:00Z"],
    ];
    // Raw SQL: updatedAt is set by Prisma on every write, and the order of failures depends on it.
    for (const [index, [status, groupId, lastError, updatedAt]] of deliveries.entries()) {
      const created = await prisma.delivery.create({
        data: { idempotencyKey: `jobs-chat-${index}`, regionId: region.id, purpose: "notice", platform: "playground", content: "测试", status, groupId, lastError, createdAt: new Date("2026-11-20T00:00:00Z") },
      });
      await prisma.$executeRaw`UPDATE "Delivery" SET "updatedAt" = ${new Date(updatedAt)} WHERE id = ${created.id}`;
    }
  });
  afterAll(async () => {
    await coordination?.close();
    await bot?.dispose();
  });

  it("tells a region administrator what comes next, what ran and the last three failures with reasons", async () => {
    const text = await ask("A0001", "发送情况");
    expect(text).toContain("全区近 7 天的消息");
    expect(text).toContain("送达 2 · 排队 0 · 重试后失败 1 · 无法送达 3");
    expect(text).toMatch(/下次每周汇总：\d+月\d+日 09:00/);
    expect(text).toContain("上次汇总：11月16日 09:00，2 个群");
    expect(text).toContain("上次截止提醒：还没有");
    const failures = text.split("\n").filter((line) => line.startsWith("· "));
    expect(failures).toEqual([
      "· 11月22日 14:30 通知→一中语文组：群机器人已被移除",
      "· 11月21日 09:00 通知→一中语文组：平台限流，重试后仍失败",
      // Long platform errors are cut to their gist.
      "· 11月20日 09:00 通知→实验小学全体：errcode 45009: api freq out of limit, hi…",
    ]);
  });

  it("keeps a school administrator to their school's messages", async () => {
    const text = await ask("T0001", "通知发送情况");
    expect(text).toContain("第一中学近 7 天的消息");
    expect(text).toContain("送达 1 · 排队 0 · 重试后失败 1 · 无法送达 1");
    expect(text).not.toContain("实验小学全体");
  });

  it("refuses a teacher politely", async () => {
    expect(await ask("T0002", "发送情况")).toMatch(/^这项操作需要学校管理员或区域管理员权限。\n/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, Reply } from "../../src/channels/types.js";
import { loadTemplates } from "../../src/bot/templates.js";
import { runWeeklyDigest } from "../../src/jobs/reminders/weekly-digest.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";
import { capturingLogger } from "../support/logger.js";

// Monday 2026-12-07 09:00 in Shanghai: the demo assignment due 2026-11-30 is a week overdue.
const MONDAY_NINE = new Date("2026-12-07T01:00:00Z");

/**
 * Finding 4 of issue 12 and privacy in groups, end to end over the demo region: which groups hear school
 * traffic (an admin approved them; nobody from outside is in them), and what a teacher's own question in a
 * group shows to everybody there.
 */
describe.each(databaseKinds)("groups and privacy on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const prisma = () => bot.database.prisma;
  let sequence = 0;
  /** A message as a platform would deliver it, in a group, @-mentioning the bot. */
  const inGroup = async (platform: ChatMessage["platform"], senderId: string, chatId: string, text: string, external?: boolean): Promise<Reply[]> =>
    bot.bot.handle({
      platform, chatType: "group", chatId, senderId, text, mentionedBot: true, mentions: [], messageId: `g${++sequence}`, sentAt: bot.clock.now,
      ...(external === undefined ? {} : { external }),
    });
  const text = (replies: Reply[]) => replies.map((reply) => reply.text).join("\n");
  const group = (chatId: string) => prisma().chatGroup.findFirstOrThrow({ where: { chatId } });
  const digest = async () => {
    const { regionId } = await prisma().teacher.findFirstOrThrow();
    await runWeeklyDigest({ prisma: prisma(), templates: loadTemplates(), now: () => MONDAY_NINE, logger: capturingLogger().logger }, regionId);
  };
  const delivered = async (chatId: string) => prisma().delivery.findMany({ where: { groupId: (await group(chatId)).id }, orderBy: { createdAt: "asc" } });

  beforeAll(async () => {
    bot = await startBot(kind);
    const bind = async (employeeNumber: string, platform: ChatMessage["platform"], platformUserId: string) => {
      const teacher = await prisma().teacher.findFirstOrThrow({ where: { employeeNumber } });
      await prisma().chatIdentity.create({ data: { platform, platformUserId, teacherId: teacher.id, source: "roster" } });
    };
    await bind("T0001", "playground", "u-zhangli");
    await bind("T0002", "playground", "u-wangqiang");
    await bind("T0003", "playground", "u-lina");
    await bind("T0003", "wecom", "wx-lina");
  });
  afterAll(async () => bot?.dispose());

  it("a group a teacher @-mentions the bot in is pending: no 全校 notice, no weekly digest, until the school admin registers it", async () => {
    expect(text(await bot.as("u-wangqiang", { group: "g-class" })("帮助"))).toContain("我能帮你");
    expect(await group("g-class")).toMatchObject({ status: "pending", external: false });

    expect(text(await bot.as("u-zhangli")("发通知 全校 周五开会"))).toContain("全校还没有登记的群");
    await digest();
    expect(await delivered("g-class")).toEqual([]);

    expect(text(await bot.as("u-zhangli", { group: "g-class" })("登记本群"))).toContain("本群已登记");
    expect(text(await bot.as("u-zhangli")("发通知 全校 周五开会"))).toContain("将发到全校 1 个群");
    expect(text(await bot.as("u-zhangli")("确认"))).toContain("已提交发送到 1 个群");
    await digest();
    const rows = await delivered("g-class");
    expect(rows.map((row) => row.purpose)).toEqual(["notice", "weekly_digest"]);
    expect(rows[1]!.content).toContain("张丽、王强、李娜");
  });

  it("a group where the platform said an outsider wrote never hears school traffic again, and cannot be registered", async () => {
    // An outsider is nobody the bot knows; the flag still sticks to the group.
    expect(text(await inGroup("playground", "someone-outside", "g-class", "我还差多少学分", true))).toContain("我还不认识你");
    expect(await group("g-class")).toMatchObject({ status: "approved", external: true });
    expect(text(await bot.as("u-zhangli")("发通知 全校 周五开会"))).toContain("全校还没有登记的群");
    expect(text(await bot.as("u-zhangli", { group: "g-class" })("登记本群"))).toContain("有企业外部的成员，不能登记");

    // A group first heard of with outside members is recorded as external from the start.
    await inGroup("playground", "u-lina", "g-mixed", "帮助", true);
    expect(await group("g-mixed")).toMatchObject({ status: "pending", external: true });
  });

  it("answers a balance asked in a group with one line there and the details by direct message", async () => {
    const lina = await prisma().teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
    const reply = await inGroup("wecom", "wx-lina", "wx-grade7", "我还差多少学分");
    expect(reply).toEqual([{ format: "text", text: "李娜老师，你的学分情况已私信发给你 📩", mentions: [] }]);
    const direct = await prisma().delivery.findMany({ where: { teacherId: lina.id } });
    expect(direct).toMatchObject([{ platform: "wecom", groupId: null, status: "pending" }]);
    expect(direct[0]!.content).toContain("61.5 / 90");

    // Records come whole, one message per page, since 更多 in the direct chat would find no pages.
    expect(text(await inGroup("wecom", "wx-lina", "wx-grade7", "学分明细"))).toBe("李娜老师，你的学分明细已私信发给你 📩");
    expect(await prisma().delivery.count({ where: { teacherId: lina.id } })).toBeGreaterThan(1);
    expect(await prisma().botSession.count({ where: { chatId: "wx-grade7" } })).toBe(0);

    // Where the platform has no direct messages, the group hears no numbers either.
    for (const question of ["我还差多少学分", "怎么算的", "我的作业", "如果再参加40学时集中培训呢"]) {
      const answer = text(await bot.as("u-lina", { group: "g-mixed" })(question));
      expect(answer).toContain("请私聊我再问一次");
      expect(answer).not.toMatch(/\d/);
    }
    expect(text(await bot.as("u-lina")("我还差多少学分"))).toContain("61.5 / 90");
  });

  it("promises no private message this install cannot send: WeCom without a self-built app asks for a direct chat", async () => {
    const aiBotOnly = await startBot(kind, undefined, { directMessagePlatforms: ["dingtalk"] });
    try {
      const lina = await aiBotOnly.database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
      await aiBotOnly.database.prisma.chatIdentity.create({ data: { platform: "wecom", platformUserId: "wx-lina", teacherId: lina.id, source: "roster" } });
      const replies = await aiBotOnly.bot.handle({
        platform: "wecom", chatType: "group", chatId: "wx-grade7", senderId: "wx-lina", text: "我还差多少学分",
        mentionedBot: true, mentions: [], messageId: "no-app-1", sentAt: aiBotOnly.clock.now,
      });
      expect(text(replies)).toContain("请私聊我再问一次");
      expect(text(replies)).not.toMatch(/\d/);
      expect(await aiBotOnly.database.prisma.delivery.count({ where: { teacherId: lina.id } })).toBe(0);
    } finally {
      await aiBotOnly.dispose();
    }
  });
});

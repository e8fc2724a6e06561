import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/channels/types.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";

/**
 * Side effects in chat wait for the sender's 确认: a notice, a 催交 that @-mentions a group, a verdict that
 * overturns someone else's. Demo region as in conversation-admin.test.ts: 张丽 (T0001) runs S01 and has
 * registered S01's group, 刘洋 (T0004) reviews, 马红 (A0001) runs the region; S02 has no registered group.
 * The clock stands at 2026-11-23 10:00 in Asia/Shanghai; quiet hours are 21:00–07:30.
 */
describe.each(databaseKinds)("admin safety on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const inGroup = { group: "g-s01" };
  const prisma = () => bot.database.prisma;
  const one = async (employeeNumber: string, text: string, where: { group?: string } = {}): Promise<Reply> => {
    const replies = await bot.as(`u-${employeeNumber}`, where)(text);
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };
  const submissionOf = (employeeNumber: string) => prisma().submission.findFirstOrThrow({ where: { teacher: { employeeNumber } } });
  /** Runs `work` with the clock moved by `minutes`, then puts it back. */
  const later = async (minutes: number, work: () => Promise<void>) => {
    const started = bot.clock.now;
    bot.clock.now = new Date(started.getTime() + minutes * 60_000);
    try {
      await work();
    } finally {
      bot.clock.now = started;
    }
  };

  beforeAll(async () => {
    bot = await startBot(kind);
    for (const employeeNumber of ["A0001", "T0001", "T0002", "T0003", "T0004"]) {
      expect((await bot.bind(`u-${employeeNumber}`, employeeNumber))[0]?.text).toContain("绑定好了");
    }
    await one("T0002", "帮助", inGroup);
    expect((await one("T0001", "登记本群", inGroup)).text).toContain("本群已登记");
  });
  afterAll(async () => bot?.dispose());

  describe("催交", () => {
    it("previews who will be @-mentioned and sends nothing until 确认", async () => {
      const preview = await one("T0001", "催交 1", inGroup);
      expect(preview.mentions).toEqual([]);
      expect(preview.text).toContain("将在本群催交「集中培训心得体会」（11月30日截止），博乐市第一中学还有 5 位老师没交");
      expect(preview.text).toContain("@ 4 位：张丽、王强、李娜、刘洋");
      expect(preview.text).toContain("点名 1 位（还没绑定，@不到）：陈静");
      expect(preview.text).toContain("回复「确认」发出，「取消」不发");
      expect(await prisma().auditLog.count({ where: { action: "remind" } })).toBe(0);

      const sent = await one("T0001", "确认", inGroup);
      expect(sent.mentions).toEqual(["u-T0001", "u-T0002", "u-T0003", "u-T0004"]);
      expect(sent.text).toContain("📢 提醒：「集中培训心得体会」11月30日截止");
      expect(await prisma().auditLog.findMany({ where: { action: "remind" } })).toMatchObject([{ actor: "T0001", entity: "assignment" }]);
    });

    it("does not @-mention the group twice in a row: it says when the last one went and when the next may", async () => {
      await later(20, async () => {
        const again = await one("T0001", "催交 1", inGroup);
        expect(again.mentions).toEqual([]);
        expect(again.text).toBe("「集中培训心得体会」在本群上次催交是今天 10:00（张丽），40 分钟后可再催。连着催会把同一批老师再 @ 一遍。");
        expect((await one("T0001", "确认", inGroup)).text).toContain("没有等你确认的内容");
      });
      await later(61, async () => {
        expect((await one("T0001", "催交 1", inGroup)).text).toContain("将在本群催交");
        expect((await one("T0001", "取消", inGroup)).text).toBe("好的，催交「集中培训心得体会」已作废，没有发出。");
      });
      expect(await prisma().auditLog.count({ where: { action: "remind" } })).toBe(1);
    });

    it("takes 好的 as 确认 of the waiting preview", async () => {
      await later(61, async () => {
        await one("T0001", "催交 1", inGroup);
        const sent = await one("T0001", "好的", inGroup);
        expect(sent.text).toContain("📢 提醒");
        expect(sent.mentions).toHaveLength(4);
      });
      expect(await prisma().auditLog.count({ where: { action: "remind" } })).toBe(2);
    });
  });

  describe("发通知", () => {
    it("says so when a new draft replaces one still waiting, with its first line, and sends only the new one", async () => {
      await one("T0001", "发通知 全校 周五下午3点在报告厅开会\n请带笔记本", inGroup);
      const second = (await one("T0001", "发通知 全校 周五的会改到周六", inGroup)).text;
      expect(second.split("\n")[0]).toBe("⚠️ 你之前还有一条待确认的通知「周五下午3点在报告厅开会」，没有发出，已由下面这条代替。");
      expect(second).toContain("周五的会改到周六");
      await one("T0001", "确认", inGroup);
      expect(await prisma().notice.findMany({ select: { text: true } })).toEqual([{ text: "周五的会改到周六" }]);
    });

    it("takes 好的 / 可以 / ok as 确认 only while a draft waits; otherwise nothing is sent", async () => {
      for (const acknowledgement of ["好的", "可以", "ok", "嗯"]) {
        await one("T0001", `发通知 全校 第${acknowledgement}次演练`);
        expect((await one("T0001", acknowledgement)).text).toContain("已提交发送到 1 个群");
        expect((await one("T0001", acknowledgement)).text).not.toContain("已提交发送");
      }
      expect(await prisma().notice.count()).toBe(5);
    });

    it("names the groups of a 全区 draft and the schools without a registered group", async () => {
      const draft = (await one("A0001", "发通知 全区 周五全区教研")).text;
      expect(draft).toContain("将发到全区 1 个群");
      expect(draft).toContain("全区的群（共 1 个）：\n· 博乐市第一中学的体验频道群");
      expect(draft).toContain("还没有登记群的学校（收不到这条通知）：博乐市实验小学。");
      expect((await one("A0001", "取消")).text).toBe("好的，通知「周五全区教研」已作废，没有发出。");
    });

    it("pages a long list of groups with 更多, keeping the draft waiting", async () => {
      const s01 = await prisma().school.findFirstOrThrow({ where: { code: "S01" } });
      await prisma().chatGroup.createMany({
        data: Array.from({ length: 10 }, (_, index) => ({
          platform: "playground" as const, chatId: `g-extra-${index}`, name: `教研${index + 1}群`, regionId: s01.regionId, schoolId: s01.id, status: "approved" as const,
        })),
      });
      try {
        const first = (await one("A0001", "发通知 全区 周五全区教研")).text;
        expect(first).toContain("将发到全区 11 个群");
        expect(first).toContain("（第 1/2 页，回复「更多」查看下一页）");
        const second = (await one("A0001", "更多")).text;
        for (let number = 1; number <= 10; number += 1) expect(`${first}\n${second}`).toContain(`· 教研${number}群（博乐市第一中学）`);
        expect(second).toContain("还没有登记群的学校（收不到这条通知）：博乐市实验小学");
        expect(second).not.toContain("周五全区教研");
        expect((await one("A0001", "取消")).text).toContain("已作废");
      } finally {
        await prisma().chatGroup.deleteMany({ where: { chatId: { startsWith: "g-extra-" } } });
      }
    });

    it("says when a notice confirmed in quiet hours will go out", async () => {
      // 22:00 in Shanghai.
      await later(12 * 60, async () => {
        await one("T0001", "发通知 全校 明早升旗");
        expect((await one("T0001", "确认")).text).toBe("已排好，发到 1 个群。现在是免打扰时段（21:00—07:30），通知会在明天 07:30发出。");
      });
      const notice = await prisma().notice.findFirstOrThrow({ where: { text: "明早升旗" } });
      expect(await prisma().delivery.findMany({ where: { noticeId: notice.id }, select: { notBefore: true } })).toEqual([
        { notBefore: new Date("2026-11-23T23:30:00Z") },
      ]);
    });
  });

  describe("审核 over someone else's decision", () => {
    beforeAll(async () => {
      expect((await one("T0003", "交作业 1 https://mp.weixin.qq.com/s/lina")).text).toContain("已收到");
      const lina = await submissionOf("T0003");
      expect((await one("T0004", `审核 ${lina.number} 退回 字数不足1000字`)).text).toContain("已退回");
    });

    it("shows the reviewer's 退回 (who, when, why) and changes nothing until 确认", async () => {
      const before = await submissionOf("T0003");
      const preview = (await one("A0001", `审核 ${before.number} 通过 18`)).text;
      expect(preview).toContain(`编号 ${before.number}（李娜老师的「集中培训心得体会」）已由刘洋在今天 10:00退回，原因：字数不足1000字。`);
      expect(preview).toContain("要改为通过，18 分（满分 20）吗？");
      expect(preview).toContain("回复「确认」改判，「取消」保持原样");
      expect(await submissionOf("T0003")).toEqual(before);
      expect((await one("A0001", "取消")).text).toBe(`好的，改判（编号 ${before.number}）已作废，评审结果保持不变。`);
      expect(await submissionOf("T0003")).toEqual(before);
    });

    it("keeps the earlier reason out of a group", async () => {
      const lina = await submissionOf("T0003");
      const preview = (await one("A0001", `审核 ${lina.number} 通过 18`, inGroup)).text;
      expect(preview).toContain("已由刘洋在今天 10:00退回。");
      expect(preview).not.toContain("字数不足");
      await one("A0001", "取消", inGroup);
    });

    it("overturns on 确认, audited as an overturn", async () => {
      const lina = await submissionOf("T0003");
      await one("A0001", `审核 ${lina.number} 通过 18`);
      expect((await one("A0001", "确认")).text).toContain(`已评审（编号 ${lina.number}）：李娜老师的「集中培训心得体会」通过，18 分（满分 20）`);
      expect(await submissionOf("T0003")).toMatchObject({ status: "approved", score: 18, reviewerId: (await prisma().teacher.findFirstOrThrow({ where: { employeeNumber: "A0001" } })).id });
      expect(await prisma().auditLog.findFirst({ where: { action: "review", actor: "A0001" } })).toMatchObject({ detail: expect.objectContaining({ overturned: "rejected" }) });
    });

    it("does not apply a confirmed overturn when the work was decided on again meanwhile", async () => {
      const lina = await submissionOf("T0003");
      await one("T0004", `审核 ${lina.number} 通过 16`);
      expect((await one("T0004", "确认")).text).toContain("通过，16 分");
      await one("A0001", `审核 ${lina.number} 退回 请补充反思`);
      await prisma().submission.update({ where: { id: lina.id }, data: { reviewedAt: new Date("2026-11-23T02:05:00Z") } });
      expect((await one("A0001", "确认")).text).toContain("在你确认之前又被评审过了");
      expect(await submissionOf("T0003")).toMatchObject({ status: "approved", score: 16 });
    });

    it("lets a reviewer correct her own decision without asking", async () => {
      const lina = await submissionOf("T0003");
      expect((await one("T0004", `审核 ${lina.number} 通过 17`)).text).toContain("通过，17 分");
    });
  });
});

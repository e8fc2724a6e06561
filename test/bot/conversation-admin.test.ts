import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/channels/types.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";

/**
 * Administrators' and reviewers' commands end to end over the demo region: S01's group, where 张丽 (T0001)
 * is school admin and 刘洋 (T0004) reviews; 杨帆 (T0006) runs S02; 马红 (A0001) runs the region. Every
 * demo teacher owes 「集中培训心得体会」, due 2026-11-30; the clock stands at 2026-11-23.
 */
describe.each(databaseKinds)("admin conversations on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const S01_GROUP = "g-s01";
  const inGroup = { group: S01_GROUP };
  const prisma = () => bot.database.prisma;
  /** Each person speaks from the account `u-<工号>`. */
  const ask = (employeeNumber: string, text: string, where: { group?: string; mentioned?: boolean } = {}): Promise<Reply[]> =>
    bot.as(`u-${employeeNumber}`, where)(text);
  const one = async (employeeNumber: string, text: string, where: { group?: string } = {}) => {
    const replies = await ask(employeeNumber, text, where);
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };
  const submissionOf = async (employeeNumber: string) =>
    prisma().submission.findFirstOrThrow({ where: { teacher: { employeeNumber } } });

  beforeAll(async () => {
    bot = await startBot(kind);
    // T0005 陈静 never binds: reminders must name her instead of @-mentioning her.
    for (const employeeNumber of ["A0001", "T0001", "T0002", "T0003", "T0004", "T0006"]) {
      expect((await one(employeeNumber, `绑定 工号 ${employeeNumber}`)).text).toContain("绑定好了");
    }
    // The group becomes known once a bound teacher @-mentions the bot in it.
    await one("T0002", "帮助", inGroup);
  });
  afterAll(async () => bot?.dispose());

  describe("发通知", () => {
    it("drafts a notice to this group, and 确认 creates exactly one Notice for it, audited", async () => {
      const draft = await one("T0001", "发通知 本群 周五下午3点在报告厅开会", inGroup);
      expect(draft.text).toContain("将发到本群");
      expect(draft.text).toContain("周五下午3点在报告厅开会");
      expect(draft.text).toContain("回复「确认」发送，「取消」作废");
      expect(await prisma().notice.count()).toBe(0);

      expect((await one("T0001", "确认", inGroup)).text).toBe("已提交发送到 1 个群 ✅");
      const notices = await prisma().notice.findMany();
      const group = await prisma().chatGroup.findUniqueOrThrow({ where: { platform_chatId: { platform: "playground", chatId: S01_GROUP } } });
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ text: "周五下午3点在报告厅开会", target: "group", groupIds: [group.id], status: "confirmed" });
      expect(await prisma().auditLog.findMany({ where: { entity: "notice" } })).toMatchObject([{ actor: "T0001", action: "create", entityId: notices[0]!.id }]);

      expect((await one("T0001", "确认", inGroup)).text).toContain("没有待确认的通知");
      expect(await prisma().notice.count()).toBe(1);
    });

    it("counts the school's groups for 全校, and 取消 creates no Notice", async () => {
      const draft = await one("T0001", "发通知 全校 下周一交教案", inGroup);
      expect(draft.text).toContain("将发到全校 1 个群");
      expect((await one("T0001", "取消", inGroup)).text).toContain("已作废");
      expect((await one("T0001", "取消", inGroup)).text).toContain("没有待确认的通知");
      expect(await prisma().notice.count()).toBe(1);
    });

    it("lets a draft expire after 15 minutes", async () => {
      const started = bot.clock.now;
      await one("T0001", "发通知 全校 明天升旗", inGroup);
      bot.clock.now = new Date(started.getTime() + 16 * 60_000);
      try {
        expect((await one("T0001", "确认", inGroup)).text).toContain("没有待确认的通知");
      } finally {
        bot.clock.now = started;
      }
      expect(await prisma().notice.count()).toBe(1);
    });

    it("refuses a teacher, and leaves no draft behind", async () => {
      expect((await one("T0002", "发通知 全校 明天放假", inGroup)).text).toBe("这项操作需要学校管理员或区域管理员权限。");
      expect(await prisma().botSession.count({ where: { senderId: "u-T0002", kind: "notice_draft" } })).toBe(0);
      expect((await one("T0002", "确认", inGroup)).text).toContain("没有待确认的通知");
      expect(await prisma().notice.count()).toBe(1);
    });

    it("asks for what is missing: the text, or where to send it from a direct chat", async () => {
      expect((await one("T0001", "发通知 全校")).text).toContain("通知内容是什么呢");
      const where = (await one("T0001", "发通知 周五开会")).text;
      expect(where).toContain("私聊里没有「本群」");
      expect(where).not.toContain("全区");
      expect((await one("A0001", "发通知 周五开会")).text).toContain("发通知 全区 通知内容");
      expect(await prisma().botSession.count({ where: { kind: "notice_draft" } })).toBe(0);
    });

    it("keeps 全区 for region admins, 全校 for admins with a school, and needs a known group", async () => {
      expect((await one("T0001", "发通知 全区 周五开会")).text).toContain("全区通知需要区域管理员权限");
      expect((await one("A0001", "发通知 全校 周五开会")).text).toContain("没有「全校」可发");
      const nowhere = (await one("T0006", "发通知 全校 周五开会")).text;
      expect(nowhere).toContain("全校还没有我认识的群");
      expect(nowhere).toContain("@我");
      expect((await one("A0001", "发通知 全区 周五开会")).text).toContain("将发到全区 1 个群");
      expect((await one("A0001", "取消")).text).toContain("已作废");
      expect(await prisma().notice.count()).toBe(1);
    });
  });

  describe("催交, 统计 and 审核", () => {
    let platformIdsOfLate: string[];

    beforeAll(async () => {
      // S01: 王强 hands in, 李娜 hands in and will be sent back; 张丽, 刘洋 and 陈静 hand in nothing.
      expect((await one("T0002", "交作业 1 https://mp.weixin.qq.com/s/wang")).text).toContain("已收到");
      expect((await one("T0003", "交作业 1 https://mp.weixin.qq.com/s/lina")).text).toContain("已收到");
      platformIdsOfLate = ["u-T0001", "u-T0004"];
    });

    it("lists the current assignments when 催交 names none or an unknown one", async () => {
      const which = (await one("T0001", "催交", inGroup)).text;
      expect(which).toContain("催交哪一项作业？");
      expect(which).toContain("1. 集中培训心得体会（P2026-01）11月30日截止");
      expect(which).toContain("例如：催交 1");
      expect((await one("T0001", "催交 9", inGroup)).text).toContain("没有第 9 项作业");
      expect((await one("T0001", "催交 教学设计", inGroup)).text).toContain("没找到和「教学设计」对得上的作业");
    });

    it("reports who handed in, and for a reviewer which numbers wait for review", async () => {
      const admin = (await one("T0001", "统计 心得体会", inGroup)).text;
      expect(admin).toContain("「集中培训心得体会」博乐市第一中学");
      expect(admin).toContain("应交 5 人：已交 2（通过 0，待评审 2，退回 0），未交 3");
      expect(admin).toContain("· 张丽\n· 刘洋\n· 陈静");
      expect(admin).toContain("一键催交：催交 1");
      expect(admin).not.toContain("待评审编号");

      const [wang, lina] = [await submissionOf("T0002"), await submissionOf("T0003")];
      const reviewer = (await one("T0004", "统计 1")).text;
      expect(reviewer).toContain("「集中培训心得体会」全区");
      expect(reviewer).toContain("应交 10 人：已交 2（通过 0，待评审 2，退回 0），未交 8");
      expect(reviewer).toContain(`待评审编号：${wang.number}、${lina.number}`);
      expect(reviewer).toContain("· 陈静（博乐市第一中学）\n· 杨帆（博乐市实验小学）");
      expect(reviewer).toContain(`评审：审核 ${wang.number} 通过 分数（满分 20）`);
    });

    it("refuses statistics to a plain teacher", async () => {
      expect((await one("T0002", "统计 1")).text).toBe("这项操作需要学校管理员或区域管理员或评审员权限。");
    });

    it("refuses a review from someone who does not review, changing nothing", async () => {
      const lina = await submissionOf("T0003");
      expect((await one("T0001", `审核 ${lina.number} 通过 18`, inGroup)).text).toBe("这项操作需要评审员或区域管理员权限。");
      expect(await submissionOf("T0003")).toEqual(lina);
    });

    it("gives specific hints for a missing reason or score, an unknown number and a score out of range", async () => {
      const lina = await submissionOf("T0003");
      expect((await one("T0004", `审核 ${lina.number} 退回`)).text).toContain(`退回时请写上原因`);
      expect((await one("T0004", `审核 ${lina.number} 通过`)).text).toContain(`请带上分数，例如：审核 ${lina.number} 通过 18（满分 20 分）`);
      expect((await one("T0004", "审核 S99999 通过 18")).text).toContain("找不到提交编号 S99999");
      expect((await one("T0004", `审核 ${lina.number} 通过 25`)).text).toContain("分数应为 0 到 20 之间的整数");
      expect(await submissionOf("T0003")).toEqual(lina);
    });

    it("sends a submission back with the reason, @-mentioning its author in the group", async () => {
      const lina = await submissionOf("T0003");
      const reply = await one("T0004", `审核 S${lina.number} 退回 原因：字数不足1000字`, inGroup);
      expect(reply.text).toContain(`已退回（编号 ${lina.number}）：李娜老师的「集中培训心得体会」`);
      expect(reply.text).toContain("原因：字数不足1000字");
      expect(reply.mentions).toEqual(["u-T0003"]);
      expect(await submissionOf("T0003")).toMatchObject({ status: "rejected", comment: "字数不足1000字", score: null });
      platformIdsOfLate = ["u-T0001", "u-T0003", "u-T0004"];
    });

    it("approves a submission with a score", async () => {
      const wang = await submissionOf("T0002");
      const reply = await one("T0004", `审核 ${wang.number} 通过 18`, inGroup);
      expect(reply.text).toContain(`已评审（编号 ${wang.number}）：王强老师的「集中培训心得体会」通过，18 分（满分 20）`);
      expect(reply.mentions).toEqual(["u-T0002"]);
      expect(await submissionOf("T0002")).toMatchObject({ status: "approved", score: 18 });
      expect(await prisma().auditLog.count({ where: { entity: "submission", actor: "T0004", action: "review" } })).toBe(2);
    });

    it("催交 @-mentions exactly the late teachers bound here, and names the unbound ones", async () => {
      const reply = await one("T0001", "催交 1", inGroup);
      expect(reply.mentions).toEqual(platformIdsOfLate);
      expect(reply.text).toContain("「集中培训心得体会」11月30日截止，不少于 1000 字");
      expect(reply.text).toContain("还有 4 位老师没交（其中 1 位被退回待重交）");
      expect(reply.text).toContain("陈静老师还没绑定账号");
      expect(reply.text).not.toContain("王强");
    });

    it("counts approved and sent-back work", async () => {
      const stats = (await one("T0001", "统计 1", inGroup)).text;
      expect(stats).toContain("应交 5 人：已交 2（通过 1，待评审 0，退回 1），未交 3");
      expect(stats).toContain("· 李娜 被退回");
    });

    it("lists the late teachers by name in a direct chat, where an @ would reach nobody", async () => {
      const reply = await one("T0006", "催交 1");
      expect(reply.mentions).toEqual([]);
      expect(reply.text).toContain("「集中培训心得体会」博乐市实验小学还有 5 位老师没交");
      expect(reply.text).toContain("杨帆、赵敏、黄磊、周婷、吴军");
      expect(reply.text).toContain("在群里 @我 发「催交 1」");
    });

    it("keeps a school admin to their own school's group", async () => {
      expect((await one("T0006", "催交 1", inGroup)).text).toContain("这是其他学校的群");
    });

    it("says so when nobody is left to remind", async () => {
      const assignment = await prisma().assignment.findFirstOrThrow();
      const owing = await prisma().teacher.findMany({
        where: { employeeNumber: { in: ["T0001", "T0004", "T0005"] } },
      });
      await prisma().submission.createMany({
        data: owing.map((teacher) => ({ assignmentId: assignment.id, teacherId: teacher.id, link: `https://example.com/${teacher.employeeNumber}` })),
      });
      await prisma().submission.updateMany({ where: { status: "rejected" }, data: { status: "submitted" } });
      const reply = await one("T0001", "催交 1", inGroup);
      expect(reply).toEqual({ format: "text", text: "「集中培训心得体会」博乐市第一中学的老师都交了，不用催 👍", mentions: [] });
      expect((await one("T0001", "统计 1", inGroup)).text).toContain("全部交齐 👍");
    });

    it("refuses 催交 to a reviewer and to a teacher", async () => {
      expect((await one("T0004", "催交 1", inGroup)).text).toBe("这项操作需要学校管理员或区域管理员权限。");
      expect((await one("T0002", "催交 1", inGroup)).text).toBe("这项操作需要学校管理员或区域管理员权限。");
    });
  });
});

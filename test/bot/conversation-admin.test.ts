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
      expect((await bot.bind(`u-${employeeNumber}`, employeeNumber))[0]?.text).toContain("绑定好了");
    }
    // The group becomes known once a bound teacher @-mentions the bot in it, and hears school traffic once
    // the school admin registered it.
    await one("T0002", "帮助", inGroup);
    expect((await one("T0001", "登记本群", inGroup)).text).toContain("本群已登记为「博乐市第一中学」的群");
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

      expect((await one("T0001", "确认", inGroup)).text).toContain("没有等你确认的内容");
      expect(await prisma().notice.count()).toBe(1);
    });

    it("counts the school's groups for 全校, and 取消 creates no Notice", async () => {
      const draft = await one("T0001", "发通知 全校 下周一交教案", inGroup);
      expect(draft.text).toContain("将发到全校 1 个群");
      expect((await one("T0001", "取消", inGroup)).text).toContain("已作废");
      expect((await one("T0001", "取消", inGroup)).text).toContain("没有等你确认的内容");
      expect(await prisma().notice.count()).toBe(1);
    });

    it("lets a draft expire after 15 minutes", async () => {
      const started = bot.clock.now;
      await one("T0001", "发通知 全校 明天升旗", inGroup);
      bot.clock.now = new Date(started.getTime() + 16 * 60_000);
      try {
        expect((await one("T0001", "确认", inGroup)).text).toContain("没有等你确认的内容");
      } finally {
        bot.clock.now = started;
      }
      expect(await prisma().notice.count()).toBe(1);
    });

    it("refuses a teacher, and leaves no draft behind", async () => {
      expect((await one("T0002", "发通知 全校 明天放假", inGroup)).text.split("\n")[0]).toBe("这项操作需要学校管理员或区域管理员权限。");
      expect(await prisma().botSession.count({ where: { senderId: "u-T0002", kind: "pending_action" } })).toBe(0);
      expect((await one("T0002", "确认", inGroup)).text).toContain("没有等你确认的内容");
      expect(await prisma().notice.count()).toBe(1);
    });

    it("asks for what is missing: the text, or where to send it from a direct chat", async () => {
      expect((await one("T0001", "发通知 全校")).text).toContain("通知内容是什么呢");
      const where = (await one("T0001", "发通知 周五开会")).text;
      expect(where).toContain("私聊里没有「本群」");
      expect(where).not.toContain("全区");
      expect((await one("A0001", "发通知 周五开会")).text).toContain("发通知 全区 通知内容");
      expect(await prisma().botSession.count({ where: { kind: "pending_action" } })).toBe(0);
    });

    it("keeps 全区 for region admins, 全校 for admins with a school, and needs a known group", async () => {
      expect((await one("T0001", "发通知 全区 周五开会")).text).toContain("全区通知需要区域管理员权限");
      expect((await one("A0001", "发通知 全校 周五开会")).text).toContain("没有「全校」可发");
      const nowhere = (await one("T0006", "发通知 全校 周五开会")).text;
      expect(nowhere).toContain("全校还没有登记的群");
      expect(nowhere).toContain("登记本群");
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

    it("takes the only current assignment when 催交 names none, and lists them for an unknown one", async () => {
      expect((await one("T0001", "催交", inGroup)).text).toContain("将在本群催交「集中培训心得体会」");
      expect((await one("T0001", "取消", inGroup)).text).toContain("催交「集中培训心得体会」已作废");
      const which = (await one("T0001", "催交 9", inGroup)).text;
      expect(which).toContain("没有第 9 项作业");
      expect(which).toContain("1. 集中培训心得体会（P2026-01）11月30日截止");
      expect(which).toContain("例如：催交 1");
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
      expect((await one("T0002", "统计 1")).text.split("\n")[0]).toBe("这项操作需要学校管理员或区域管理员或评审员权限。");
    });

    it("refuses a review from someone who does not review, changing nothing", async () => {
      const lina = await submissionOf("T0003");
      expect((await one("T0001", `审核 ${lina.number} 通过 18`, inGroup)).text.split("\n")[0]).toBe("这项操作需要评审员或区域管理员权限。");
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

    it("sends a submission back, @-mentioning its author in the group and telling her the reason directly", async () => {
      const lina = await submissionOf("T0003");
      // 李娜 also has a WeCom account, where the bot can write to her directly.
      await prisma().chatIdentity.create({ data: { platform: "wecom", platformUserId: "wx-lina", teacherId: lina.teacherId, source: "roster" } });
      const reply = await one("T0004", `审核 S${lina.number} 退回 原因：字数不足1000字`, inGroup);
      expect(reply.text).toContain(`已退回（编号 ${lina.number}）：李娜老师的「集中培训心得体会」`);
      expect(reply.text).toContain("原因已私信告知李娜老师");
      expect(reply.text).not.toContain("字数不足");
      expect(reply.mentions).toEqual(["u-T0003"]);
      const direct = await prisma().delivery.findMany({ where: { teacherId: lina.teacherId } });
      expect(direct).toMatchObject([{ platform: "wecom", groupId: null, status: "pending" }]);
      expect(direct[0]!.content).toContain("原因：字数不足1000字");
      expect(await submissionOf("T0003")).toMatchObject({ status: "rejected", comment: "字数不足1000字", score: null });
      platformIdsOfLate = ["u-T0001", "u-T0003", "u-T0004"];
    });

    it("keeps the reason out of the group also where the author cannot get a direct message", async () => {
      const wang = await submissionOf("T0002");
      const reply = await one("T0004", `审核 ${wang.number} 退回 请补充教学反思`, inGroup);
      expect(reply.text).toContain("王强老师私聊我发「我的作业」就能看到");
      expect(reply.text).not.toContain("教学反思");
      expect(await prisma().delivery.count({ where: { teacherId: wang.teacherId } })).toBe(0);
      // In a direct chat the reviewer sees the reason they wrote.
      expect((await one("T0004", `审核 ${wang.number} 退回 请补充教学反思`)).text).toContain("原因：请补充教学反思");
    });

    it("approves a submission with a score", async () => {
      const wang = await submissionOf("T0002");
      const reply = await one("T0004", `审核 ${wang.number} 通过 18`, inGroup);
      expect(reply.text).toContain(`已评审（编号 ${wang.number}）：王强老师的「集中培训心得体会」通过，18 分（满分 20）`);
      expect(reply.mentions).toEqual(["u-T0002"]);
      expect(await submissionOf("T0002")).toMatchObject({ status: "approved", score: 18 });
      expect(await prisma().auditLog.count({ where: { entity: "submission", actor: "T0004", action: "review" } })).toBe(4);
    });

    it("催交 @-mentions exactly the late teachers bound here, and names the unbound ones", async () => {
      expect((await one("T0001", "催交 1", inGroup)).mentions).toEqual([]);
      const reply = await one("T0001", "确认", inGroup);
      expect(reply.mentions).toEqual(platformIdsOfLate);
      expect(reply.text).toContain("「集中培训心得体会」11月30日截止，不少于 1000 字");
      expect(reply.text).toContain("还有 4 位老师没交（其中 1 位被退回待重交）");
      expect(reply.text).toContain("陈静老师还没绑定账号");
      expect(reply.text).not.toContain("王强");
    });

    it("with late-lists kept to counts, 催交 names and @-mentions nobody, and reminds the late ones directly", async () => {
      await prisma().region.updateMany({ data: { lateListInGroups: "counts" } });
      const started = bot.clock.now;
      // An hour after the last 催交 in this group, when the next one may go.
      bot.clock.now = new Date(started.getTime() + 61 * 60_000);
      try {
        const preview = (await one("T0001", "催交 1", inGroup)).text;
        expect(preview).toContain("群里只说人数，不点名；另私信提醒其中 1 位");
        expect(preview).not.toMatch(/张丽|李娜|刘洋|陈静/);
        const reply = await one("T0001", "确认", inGroup);
        expect(reply.mentions).toEqual([]);
        expect(reply.text).toContain("还有 4 位老师没交（其中 1 位被退回待重交）");
        expect(reply.text).not.toMatch(/张丽|李娜|刘洋|陈静/);
        // Only 李娜 has an account the bot can write to directly.
        expect(reply.text).toContain("已私信提醒其中 1 位老师");
        const lina = await prisma().teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
        const reminders = await prisma().delivery.findMany({ where: { teacherId: lina.id, purpose: "deadline_reminder" } });
        expect(reminders).toHaveLength(1);
        expect(reminders[0]!.content).toContain("上次提交被退回了");
        const stats = (await one("T0001", "统计 1", inGroup)).text;
        expect(stats).toContain("未交 3");
        expect(stats).not.toMatch(/张丽|李娜|刘洋|陈静/);
        expect((await one("T0001", "统计 1")).text).toContain("· 张丽");
      } finally {
        bot.clock.now = started;
        await prisma().region.updateMany({ data: { lateListInGroups: "names" } });
      }
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
      expect((await one("T0004", "催交 1", inGroup)).text.split("\n")[0]).toBe("这项操作需要学校管理员或区域管理员权限。");
      expect((await one("T0002", "催交 1", inGroup)).text.split("\n")[0]).toBe("这项操作需要学校管理员或区域管理员权限。");
    });
  });

  describe("登记本群", () => {
    const group = (chatId: string) => prisma().chatGroup.findUniqueOrThrow({ where: { platform_chatId: { platform: "playground", chatId } } });
    const approvals = () => prisma().auditLog.findMany({ where: { entity: "chat_group" }, orderBy: [{ at: "asc" }, { id: "asc" }] });

    it("leaves a group the bot first hears from pending, where the bot still answers a teacher's own questions", async () => {
      expect((await one("T0002", "帮助", { group: "g-parents" })).text).toContain("我能帮你");
      expect(await group("g-parents")).toMatchObject({ status: "pending", external: false, approvedBy: null });
      expect((await one("T0002", "我还差多少学分", { group: "g-parents" })).text).toContain("私聊我");
    });

    it("puts no notice, 催交 or 统计 list into a pending group, and tells only admins how to register it", async () => {
      const notice = (await one("T0001", "发通知 本群 周五开会", { group: "g-parents" })).text;
      expect(notice).toContain("这个群还没登记，我暂不在这里发通知");
      expect(notice).toContain("@我 发「登记本群」");
      expect((await one("T0001", "催交 1", { group: "g-parents" })).text).toContain("暂不在这里发催交提醒");
      const reviewer = (await one("T0004", "统计 1", { group: "g-parents" })).text;
      expect(reviewer).toContain("暂不在这里发统计名单");
      expect(reviewer).not.toContain("登记本群」就行");
      expect((await one("T0001", "发通知 全校 周五开会")).text).toContain("将发到全校 1 个群");
      expect((await one("T0001", "取消")).text).toContain("已作废");
    });

    it("is in the menu of administrators only", async () => {
      expect((await one("T0001", "帮助")).text).toContain("登记本群");
      expect((await one("A0001", "帮助")).text).toContain("登记本群");
      expect((await one("T0002", "帮助")).text).not.toContain("登记本群");
      expect((await one("T0004", "帮助")).text).not.toContain("登记本群");
    });

    it("refuses teachers and reviewers, naming the roles, and explains itself in a direct chat; nothing is written", async () => {
      const before = await approvals();
      expect((await one("T0002", "登记本群", { group: "g-parents" })).text.split("\n")[0]).toBe("这项操作需要学校管理员或区域管理员权限。");
      expect((await one("T0004", "register this group", { group: "g-parents" })).text.split("\n")[0]).toBe("这项操作需要学校管理员或区域管理员权限。");
      expect((await one("T0001", "登记本群")).text).toContain("要在想登记的那个群里 @我 发送");
      expect(await group("g-parents")).toMatchObject({ status: "pending" });
      expect(await approvals()).toEqual(before);
    });

    it("lets a school admin register a pending group under her school, audited, and keeps another school's admin out", async () => {
      // 王强 (S01) made the bot file it under S01; 杨帆 runs S02 and vouches for it as S02's.
      expect((await one("T0006", "登记这个群", { group: "g-parents" })).text).toContain("本群已登记为「博乐市实验小学」的群");
      const registered = await group("g-parents");
      const s02 = await prisma().school.findFirstOrThrow({ where: { code: "S02" } });
      expect(registered).toMatchObject({ status: "approved", schoolId: s02.id, approvedBy: "T0006" });
      expect(registered.approvedAt).toEqual(bot.clock.now);
      expect(await approvals()).toContainEqual(
        expect.objectContaining({ actor: "T0006", action: "approve", entityId: registered.id, detail: expect.objectContaining({ status: "approved", schoolId: s02.id, via: "chat" }) }),
      );
      expect((await one("T0006", "登记本群", { group: "g-parents" })).text).toContain("本群已经登记过了（博乐市实验小学）");
      expect((await one("T0001", "登记本群", { group: "g-parents" })).text).toContain("这是其他学校的群");
      expect((await one("T0001", "取消登记本群", { group: "g-parents" })).text).toContain("这是其他学校的群");
      expect(await group("g-parents")).toMatchObject({ schoolId: s02.id, status: "approved" });
    });

    it("lets the region admin register a region-wide group, or file it under a school by its code", async () => {
      await one("A0001", "帮助", { group: "g-region" });
      expect((await one("A0001", "登记本群", { group: "g-region" })).text).toContain("本群已登记为「全区」的群");
      expect(await group("g-region")).toMatchObject({ status: "approved", schoolId: null, approvedBy: "A0001" });
      expect((await one("A0001", "登记本群 S99", { group: "g-region" })).text).toContain("没有学校编号是 S99 的学校");
      expect((await one("A0001", "登记本群 s01", { group: "g-region" })).text).toContain("本群已登记为「博乐市第一中学」的群");
      expect((await one("T0006", "登记本群 S01", { group: "g-region" })).text).toContain("这是其他学校的群");
    });

    it("sets a group back to pending with 取消登记本群, audited", async () => {
      expect((await one("A0001", "取消登记本群", { group: "g-region" })).text).toContain("本群已取消登记");
      expect(await group("g-region")).toMatchObject({ status: "pending", approvedBy: null, approvedAt: null });
      const regionGroup = await group("g-region");
      expect(await approvals()).toContainEqual(
        expect.objectContaining({ actor: "A0001", action: "unapprove", entityId: regionGroup.id, detail: expect.objectContaining({ status: "pending", via: "chat" }) }),
      );
      expect((await one("A0001", "取消登记本群", { group: "g-region" })).text).toContain("本群还没登记");
    });

    it("refuses a group the platform said has outside members, writing nothing", async () => {
      const s01 = await prisma().school.findFirstOrThrow({ where: { code: "S01" } });
      await prisma().chatGroup.create({ data: { platform: "playground", chatId: "g-outside", regionId: s01.regionId, schoolId: s01.id, external: true } });
      const before = await approvals();
      expect((await one("T0001", "登记本群", { group: "g-outside" })).text).toContain("有企业外部的成员，不能登记");
      expect((await one("T0001", "发通知 本群 周五开会", { group: "g-outside" })).text).toContain("有企业外部的成员");
      expect(await group("g-outside")).toMatchObject({ status: "pending", approvedBy: null });
      expect(await approvals()).toEqual(before);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDbDate } from "../../src/domain/calendar.js";
import { Prisma } from "../../src/generated/prisma/client.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";

/**
 * A teacher's everyday questions, end to end over the demo region on a real database, clock fixed at
 * 2026-11-23 10:00 in 博州: one assignment, 集中培训心得体会, due 11月30日 (in 7 days), at least 1000 字,
 * out of 20. 张丽 (T0001) is 博乐市第一中学's school admin, 马红 (A0001) the region admin.
 */
describe.each(databaseKinds)("a teacher's assignments, small talk and who to ask, on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const prisma = () => bot.database.prisma;
  /** Each person speaks from the account `u-<工号>`, in a direct chat unless told. */
  const say = async (employeeNumber: string, text: string, where: { group?: string } = {}) => {
    const replies = await bot.as(`u-${employeeNumber}`, where)(text);
    expect(replies).toHaveLength(1);
    return replies[0]!.text;
  };
  const submissionOf = (employeeNumber: string) => prisma().submission.findFirst({ where: { teacher: { employeeNumber } } });

  beforeAll(async () => {
    bot = await startBot(kind);
    for (const employeeNumber of ["T0001", "T0002", "T0003", "T0004", "T0005"]) {
      expect((await bot.bind(`u-${employeeNumber}`, employeeNumber))[0]?.text).toContain("绑定好了");
    }
  });
  afterAll(async () => bot?.dispose());

  describe("questions about an assignment", () => {
    it("says when it is due, with the days left, its status and the exact command to hand it in", async () => {
      const reply = await say("T0003", "心得什么时候截止呀");
      expect(reply).toContain("「集中培训心得体会」11月30日截止，还有 7 天｜还没交");
      expect(reply).toContain("写好后发：交作业 1 链接");
      expect(await say("T0003", "交作业的截止时间是什么时候")).toContain("11月30日截止，还有 7 天");
    });

    it("says how many characters, from the assignment or else from the region's policy, and never invents one", async () => {
      expect(await say("T0003", "心得要写多少字")).toContain("「集中培训心得体会」要求不少于 1000 字");
      const project = await prisma().trainingProject.findFirstOrThrow({ where: { code: "P2026-01" } });
      const review = await prisma().assignment.create({
        data: { projectId: project.id, title: "同课异构评课", kind: "lesson_review", dueOn: toDbDate("2026-12-10"), maxScore: 20 },
      });
      const region = await prisma().region.findFirstOrThrow();
      try {
        // 博州's rules say nothing about length.
        expect(await say("T0003", "评课要写多少字")).toContain("「同课异构评课」作业和本地区文件都没有规定字数");
        // 兰西's rules ask 800 字 of a 评课, and the same question answers from them with no code change.
        await prisma().region.update({ where: { id: region.id }, data: { policy: "lanxi", customPolicy: Prisma.DbNull } });
        expect(await say("T0003", "评课要写多少字")).toMatch(/「同课异构评课」要求不少于 800 字（.+对评课的要求）/);
      } finally {
        await prisma().region.update({ where: { id: region.id }, data: { policy: region.policy, customPolicy: region.customPolicy as Prisma.InputJsonValue } });
        await prisma().assignment.delete({ where: { id: review.id } });
      }
    });

    it("explains how to hand it in with the assignment's own number", async () => {
      const reply = await say("T0003", "怎么交作业");
      expect(reply).toContain("交「集中培训心得体会」");
      expect(reply).toContain("交作业 1 https://…");
    });

    it("answers in a group only privately, since the status is the teacher's own", async () => {
      expect(await say("T0003", "心得什么时候截止", { group: "g-s01" })).toBe("李娜老师，作业情况是个人信息，我不在群里说。请私聊我再问一次 🙂");
    });

    it("tells whether it was approved and the score, and why it was sent back", async () => {
      expect(await say("T0003", "我的作业通过了吗")).toBe("你还没有交过作业。发「我的作业」看要交什么。");
      expect(await say("T0003", "交作业 1 https://mp.weixin.qq.com/s/lina")).toContain("已收到「集中培训心得体会」");
      expect(await say("T0003", "我的作业通过了吗")).toContain("「集中培训心得体会」已交（11月23日 10:00），还在等评审");
      const lina = (await submissionOf("T0003"))!;
      expect(await say("T0004", `审核 ${lina.number} 通过 18`)).toContain("通过");
      expect(await say("T0003", "心得多少分")).toContain("「集中培训心得体会」已通过，得分 18/20（11月23日 10:00评审）");

      expect(await say("T0002", "交作业 1 https://mp.weixin.qq.com/s/wang")).toContain("已收到");
      const wang = (await submissionOf("T0002"))!;
      expect(await say("T0002", "我的作业为什么被退回了")).toBe("你交的作业目前没有被退回的 👍 发「我的作业」看各项状态。");
      await say("T0004", `审核 ${wang.number} 退回 字数不足1000字`);
      const reason = await say("T0002", "老师，我的心得为什么被退回了");
      expect(reason).toContain(`「集中培训心得体会」（提交编号 ${wang.number}）11月23日 10:00被退回了。`);
      expect(reason).toContain("原因：字数不足1000字");
      expect(reason).toContain("改好后重新交：交作业 1 新链接");
    });

    it("refuses a number that is not on the teacher's list, pointing to 我的作业", async () => {
      expect(await say("T0005", "作业3要多少字")).toBe("没有第 3 项作业。回复「我的作业」看看编号。");
    });
  });

  describe("撤回 a link handed in by mistake", () => {
    it("previews what will be withdrawn, withdraws it only on 确认, and keeps what it was in the audit log", async () => {
      await say("T0005", "交作业 1 https://mp.weixin.qq.com/s/wrong-one");
      const handedIn = (await submissionOf("T0005"))!;
      const preview = await say("T0005", "链接发错了，能撤回吗");
      expect(preview).toContain(`要撤回这份作业吗？\n「集中培训心得体会」（提交编号 ${handedIn.number}，11月23日 10:00交）`);
      expect(preview).toContain("链接：https://mp.weixin.qq.com/s/wrong-one");
      expect(preview).toContain("回复「确认」撤回，「取消」不撤回（15 分钟内有效）");
      expect(await submissionOf("T0005")).not.toBeNull();

      expect(await say("T0005", "确认")).toBe(`已撤回「集中培训心得体会」（提交编号 ${handedIn.number}），这项作业现在算未交。\n11月30日截止前重新交：交作业 1 链接`);
      expect(await submissionOf("T0005")).toBeNull();
      const entry = await prisma().auditLog.findFirstOrThrow({ where: { action: "withdraw", entityId: handedIn.id } });
      expect(entry).toMatchObject({ actor: "T0005", entity: "submission" });
      expect(entry.detail).toMatchObject({ number: handedIn.number, link: "https://mp.weixin.qq.com/s/wrong-one" });
      expect(await say("T0005", "确认")).toBe("现在没有等你确认的内容（待确认的内容 15 分钟后自动作废）。");
      expect(await say("T0005", "撤回")).toBe("你目前没有可以撤回的作业：只有交了还没评审的才能撤回。\n发「我的作业」看各项状态。");
    });

    it("keeps the submission on 取消, and takes an acknowledgement as the 确认 it waits for", async () => {
      await say("T0005", "交作业 1 https://mp.weixin.qq.com/s/second");
      expect(await say("T0005", "撤回 1")).toContain("要撤回这份作业吗？");
      expect(await say("T0005", "取消")).toBe("好的，撤回「集中培训心得体会」已作废，作业还在等评审。");
      expect(await submissionOf("T0005")).not.toBeNull();
      expect(await say("T0005", "撤回心得")).toContain("要撤回这份作业吗？");
      expect(await say("T0005", "好的")).toContain("已撤回「集中培训心得体会」");
      expect(await submissionOf("T0005")).toBeNull();
    });

    it("withdraws nothing when the link was handed in again after the preview", async () => {
      await say("T0005", "交作业 1 https://mp.weixin.qq.com/s/first");
      expect(await say("T0005", "撤回")).toContain("链接：https://mp.weixin.qq.com/s/first");
      await say("T0005", "交作业 1 https://mp.weixin.qq.com/s/better");
      expect(await say("T0005", "确认")).toBe("「集中培训心得体会」的链接刚刚换过了，没有撤回。要撤回的话请再发一次「撤回」。");
      expect((await submissionOf("T0005"))?.link).toBe("https://mp.weixin.qq.com/s/better");
    });

    it("says why reviewed work cannot be withdrawn", async () => {
      // 王强's was sent back, 李娜's approved (above).
      expect(await say("T0002", "撤回 1")).toBe("「集中培训心得体会」已经被退回了，不用撤回，改好后重新交：交作业 1 新链接");
      expect(await say("T0003", "撤回")).toBe("你目前没有可以撤回的作业：只有交了还没评审的才能撤回。");
    });
  });

  describe("small talk", () => {
    it("answers 在吗, 谢谢, 收到 and 你是谁 in a line or two, like a colleague", async () => {
      expect(await say("T0003", "在吗")).toBe("在的，李娜老师 🙂 想查什么直接说，比如「我还差多少学分」「我的作业」。");
      expect(await say("T0003", "谢谢老师！")).toBe("不客气，李娜老师 🙂 有事随时找我。");
      expect(await say("T0003", "收到")).toBe("好的 👌 有事随时找我。");
      const identity = await say("T0003", "你是谁");
      expect(identity).toContain("我是继教学分助手");
      expect(identity).toContain("发「帮助」看我能做什么");
      expect(identity.split("\n").length).toBeLessThanOrEqual(2);
    });

    it("greets a region admin who does not teach with what she may ask, never a teacher's 我还差多少学分", async () => {
      await bot.bind("u-A0001", "A0001");
      const reply = await say("A0001", "在吗");
      expect(reply).toMatch(/^在的，马红老师 🙂 想查什么直接说，比如「帮助」「.+」。$/);
      expect(reply).not.toContain("我还差多少学分");
      expect(reply).not.toContain("我的作业");
    });

    it("greets a sender not bound yet and says how to bind, without anyone's 工号", async () => {
      const reply = (await bot.as("u-newcomer")("你好"))[0]!.text;
      expect(reply).toContain("在的 🙂");
      expect(reply).not.toContain("我还差多少学分");
      expect(reply).toContain("绑定 工号 你的工号");
      expect(reply).not.toMatch(/[TA]\d{4}/);
    });
  });

  describe("who to contact", () => {
    it("names the teacher's school admin and what to bring when credits look wrong or training is missing", async () => {
      const wrong = await say("T0003", "我的学分不对");
      expect(wrong).toContain("学分明细");
      expect(wrong).toContain("找学校管理员张丽老师，带上那次培训的结业证书或学时证明");
      const missing = await say("T0003", "国培的学时没算上");
      expect(missing).toContain("请把结业证书或培训证明（写明名称、日期、学时、级别）交给学校管理员张丽老师");
    });

    it("sends the school's only admin to the region admin, and 转人工 gets a person by name", async () => {
      expect(await say("T0001", "转人工")).toBe("我是自动回复的小助手，转不了人工 🙂 需要找人的话，请直接联系继教管理员马红老师。");
      expect(await say("T0003", "转人工")).toContain("请直接联系学校管理员张丽老师");
    });

    it("says there is no password here: the chat account is the platform's", async () => {
      const reply = await say("T0003", "账号密码忘了");
      expect(reply).toContain("我这里不用密码");
      expect(reply).toContain("请找学校管理员张丽老师帮你重置");
    });

    it("tells a teacher who changed phones to get a new code for her own 工号, never someone else's", async () => {
      // Her new phone is not bound yet: today's answer offered「绑定 工号 T0001」, which is 张丽's.
      const unbound = (await bot.as("u-lina-new-phone")("我换手机了"))[0]!.text;
      expect(unbound).toContain("新账号要重新绑定");
      expect(unbound).toContain("绑定 工号 你的工号 验证码 六位数字");
      expect(unbound).not.toMatch(/[TA]\d{4}/);
      expect((await bot.as("u-someone")("我还差多少学分"))[0]!.text).not.toMatch(/[TA]\d{4}/);
      expect((await bot.as("u-lina-new-phone")("绑定"))[0]!.text).toContain("绑定 工号 你的工号 验证码 六位数字");
      // Asked from her old, bound account: her own 工号 and her admin's name.
      const bound = await say("T0003", "我换手机了");
      expect(bound).toContain("请找学校管理员张丽老师要一个新的验证码");
      expect(bound).toContain("绑定 工号 T0003 验证码");
    });
  });
});

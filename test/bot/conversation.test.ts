import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueBindCode } from "../../src/domain/binding.js";
import { balanceOf } from "../../src/domain/balance.js";
import { toDbDate } from "../../src/domain/calendar.js";
import { startBot } from "../support/bot.js";
import { testSecretBox } from "../support/secrets.js";
import { databaseKinds } from "../support/database.js";
import { fixtures } from "../support/fixtures.js";

/**
 * A teacher's side of the bot, end to end: the pipeline, the templates and the domain over the demo region
 * on a real database, with the clock fixed at 2026-11-23 10:00 in 博州.
 */
describe.each(databaseKinds)("teacher conversations on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  /** Sends `text` as the platform user `senderId` (in a direct chat unless told) and returns the reply texts. */
  const say = (senderId: string, text: string, where: { group?: string; mentioned?: boolean } = {}) =>
    bot.as(senderId, where)(text).then((replies) => replies.map((reply) => reply.text));
  const one = async (senderId: string, text: string, where: { group?: string; mentioned?: boolean } = {}) => {
    const replies = await say(senderId, text, where);
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };
  const prisma = () => bot.database.prisma;
  const teacherNumbered = (employeeNumber: string) => prisma().teacher.findFirstOrThrow({ where: { employeeNumber } });

  beforeAll(async () => {
    bot = await startBot(kind);
  });
  afterAll(async () => bot?.dispose());

  describe("binding", () => {
    it("tells an unbound sender how to bind, whatever they ask", async () => {
      expect(await one("stranger", "我还差多少学分")).toContain("绑定 工号");
      expect(await one("stranger", "我的作业")).toContain("绑定 工号");
    });

    it("answers a 工号 that is not on the roster without saying so, and binds nothing", async () => {
      expect(await one("u-typo", "绑定 工号 T9999")).toContain("需要验证码");
      expect(await one("u-typo", "绑定 工号 T9999 验证码 123456")).toContain("绑定没有成功");
      expect(await prisma().chatIdentity.count()).toBe(0);
    });

    it("asks for the one-time code, refuses a wrong one and binds with the right one", async () => {
      expect(await one("u-lina", "绑定 工号 T0003")).toContain("需要验证码");
      expect(await one("u-lina", "绑定 工号 T0003 验证码 000000")).toContain("绑定没有成功");
      expect(await prisma().chatIdentity.count()).toBe(0);
      const lina = await teacherNumbered("T0003");
      const { code } = await issueBindCode(prisma(), testSecretBox(), { teacherId: lina.id, issuedBy: "A0001", now: bot.clock.now });
      expect(await one("u-lina", `绑定 工号 t0003 验证码 ${code}`)).toContain("绑定好了，李娜老师");
      expect(await one("u-lina", `绑定 工号 T0003 验证码 ${code}`)).toContain("不用再绑");
    });

    it("never binds on a typed 工号 alone, and tells a bound sender only about their own account", async () => {
      expect(await one("u-wang", "绑定 工号 T0002")).toContain("需要验证码");
      expect(await prisma().chatIdentity.count({ where: { platformUserId: "u-wang" } })).toBe(0);
      const wang = await teacherNumbered("T0002");
      const { code } = await issueBindCode(prisma(), testSecretBox(), { teacherId: wang.id, issuedBy: "T0001", now: bot.clock.now });
      expect(await one("u-wang", `绑定 工号 T0002 验证码 ${code}`)).toContain("绑定好了，王强老师");
      expect(await one("u-impostor", `绑定 工号 T0002 验证码 ${code}`)).toContain("绑定没有成功");
      expect(await one("u-wang", "绑定 工号 T0005")).toContain("你的账号已绑定 王强（工号 T0002）");
      const accounts = await prisma().chatIdentity.findMany({ orderBy: { platformUserId: "asc" } });
      expect(accounts.map((account) => [account.platformUserId, account.source])).toEqual([["u-lina", "bind_code"], ["u-wang", "bind_code"]]);
    });
  });

  describe("credits", () => {
    it("tells a teacher who is short what they have, what is missing and what to do", async () => {
      const reply = await one("u-lina", "我还差多少学分");
      expect(reply).toContain("李娜老师");
      expect(reply).toContain("61.5 / 90 学分");
      expect(reply).toContain("还差 28.5 学分");
      expect(reply).toContain("建议");
    });

    it("tells a complete teacher they are done, with the engine's numbers", async () => {
      const wang = await teacherNumbered("T0002");
      const { evaluation } = await balanceOf(prisma(), { scope: { kind: "region", regionId: wang.regionId }, teacherId: wang.id, now: bot.clock.now });
      expect(evaluation.met).toBe(true);
      const reply = await one("u-wang", "学分够了吗");
      expect(reply).toContain("已达标 ✅");
      expect(reply).toContain(`${evaluation.total.earned} / ${evaluation.total.required} 学分`);
    });

    it("pages a long year of records: 更多 shows the next page, then says there is no more", async () => {
      const wang = await teacherNumbered("T0002");
      await prisma().ledgerEntry.createMany({
        data: Array.from({ length: 6 }, (_, index) => ({
          teacherId: wang.id,
          occurredOn: toDbDate(`2026-09-${String(index + 10)}`),
          mode: "school_based" as const,
          category: "school_course" as const,
          level: "school" as const,
          hours: 2,
          result: "pass" as const,
          approved: true,
          source: "manual" as const,
          recordedBy: "T0001",
          idempotencyKey: `paging-test-${index}`,
        })),
      });
      const first = await one("u-wang", "2026年的记录");
      expect(first).toContain("2026年的记录（10 条");
      expect(first).toContain("第 1/2 页，回复「更多」查看下一页");
      const second = await one("u-wang", "更多");
      expect(second).toContain("2026年的记录");
      expect(second).toContain("第 2/2 页，完");
      expect(await one("u-wang", "更多")).toBe("没有更多内容了。");
    });

    it("explains how the number was reached", async () => {
      const reply = await one("u-lina", "为什么是54分");
      expect(reply).toContain("你本周期目前是 61.5 学分（不是 54）");
      expect(reply).toMatch(/集中培训 40 学时 ÷ 4 = 10 学分/);
    });

    it("answers a what-if clearly labelled as a hypothesis, and records nothing", async () => {
      const before = await prisma().ledgerEntry.count();
      const reply = await one("u-lina", "如果再参加一次省级集中培训40学时呢");
      expect(reply).toMatch(/^【假设，仅供参考，并未登记】/);
      expect(reply).toContain("从 61.5 变为");
      expect(await prisma().ledgerEntry.count()).toBe(before);
    });
  });

  describe("assignments", () => {
    it("lists the open assignment, takes a link by its number, and then shows it as handed in", async () => {
      expect(await one("u-lina", "我的作业")).toContain("1. 集中培训心得体会（P2026-01）11月30日截止｜未交｜不少于 1000 字");
      const done = await one("u-lina", "交作业 1 https://mp.weixin.qq.com/s/lina-reflection");
      expect(done).toContain("已收到「集中培训心得体会」✅（提交编号");
      expect(done).toContain("11月23日 10:00");
      expect(await one("u-lina", "我的作业")).toContain("已交，等评审");
    });

    it("refuses a link that is not http(s) or is too long, and an unknown number, writing nothing", async () => {
      const before = await prisma().submission.findMany();
      expect(await one("u-wang", "交作业 1 ftp://example.com/reflection.doc")).toContain("只能提交 http:// 或 https:// 开头的网页链接");
      expect(await one("u-wang", `交作业 1 https://example.com/${"a".repeat(2001)}`)).toContain("链接太长了");
      expect(await one("u-wang", "交作业 5 https://mp.weixin.qq.com/s/wang")).toContain("没有第 5 项作业");
      expect(await prisma().submission.findMany()).toEqual(before);
    });
  });

  describe("projects", () => {
    it("enrolls once, and says so kindly the second time", async () => {
      expect(await one("u-wang", "最近有什么培训")).toContain("P2026-02 信息技术与学科教学融合专题培训");
      expect(await one("u-wang", "报名 P2026-02")).toContain("报名成功 ✅ P2026-02");
      expect(await one("u-wang", "报名 P2026-02")).toContain("你已经报过 P2026-02");
      const wang = await teacherNumbered("T0002");
      expect(await prisma().enrollment.count({ where: { teacherId: wang.id } })).toBe(1);
    });

    it("refuses a full project and one whose enrollment has closed, enrolling nobody", async () => {
      const make = fixtures(prisma());
      const region = await prisma().region.findFirstOrThrow();
      const full = await make.project(region.id, { code: "P2026-08", quota: 1, enrollmentDeadline: toDbDate("2026-12-05") });
      await make.enrollment(full.id, (await teacherNumbered("T0007")).id);
      await make.project(region.id, { code: "P2026-07", enrollmentDeadline: toDbDate("2026-11-20") });
      const before = await prisma().enrollment.count();
      expect(await one("u-lina", "报名 P2026-08")).toContain("P2026-08 的名额（1 人）已经报满了");
      expect(await one("u-lina", "报名 P2026-07")).toContain("P2026-07 的报名已于 2026-11-20 截止");
      expect(await one("u-lina", "报名 P2099-01")).toContain("找不到培训项目 P2099-01");
      expect(await prisma().enrollment.count()).toBe(before);
    });
  });

  describe("groups", () => {
    it("stays quiet in a group unless @-mentioned, and answers when it is", async () => {
      expect(await say("u-lina", "我还差多少学分", { group: "g-teachers", mentioned: false })).toEqual([]);
      // A balance is nobody else's business: the group hears no numbers (the playground has no direct messages).
      const reply = await one("u-lina", "我还差多少学分", { group: "g-teachers" });
      expect(reply).toContain("李娜老师，学分情况是个人信息");
      expect(reply).not.toContain("61.5");
    });

    it("answers what it did not understand with likely commands", async () => {
      const reply = await one("u-lina", "今天天气怎么样");
      expect(reply).toContain("没太明白");
      expect(reply).toContain("发「帮助」看全部功能");
    });
  });
});

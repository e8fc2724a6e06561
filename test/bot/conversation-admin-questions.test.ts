import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/channels/types.js";
import { toDbDate } from "../../src/domain/calendar.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";

/**
 * Administrators and reviewers asking in their own words (demo region, clock at 2026-11-23): 张丽 (T0001)
 * runs S01, 杨帆 (T0006) S02, 马红 (A0001) the region; 刘洋 (T0004) reviews; 王强 (T0002) only teaches.
 */
describe.each(databaseKinds)("admins in their own words on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const prisma = () => bot.database.prisma;
  const one = async (employeeNumber: string, text: string, where: { group?: string } = {}): Promise<Reply> => {
    const replies = await bot.as(`u-${employeeNumber}`, where)(text);
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };

  beforeAll(async () => {
    bot = await startBot(kind);
    for (const employeeNumber of ["A0001", "T0001", "T0002", "T0003", "T0004", "T0005", "T0006"]) {
      expect((await bot.bind(`u-${employeeNumber}`, employeeNumber))[0]?.text).toContain("绑定好了");
    }
  });
  afterAll(async () => bot?.dispose());

  describe("还有谁没交 / 交了多少人", () => {
    it("answers for the only current assignment when none is named", async () => {
      const who = (await one("T0001", "还有谁没交")).text;
      expect(who).toContain("「集中培训心得体会」博乐市第一中学");
      expect(who).toContain("应交 5 人：已交 0");
      expect((await one("T0001", "交了多少人")).text).toContain("应交 5 人");
    });

    it("asks which when several are going on", async () => {
      const project = await prisma().trainingProject.findFirstOrThrow({ where: { code: "P2026-01" } });
      await prisma().assignment.create({
        data: { projectId: project.id, title: "课堂实录反思", kind: "lesson_review", dueOn: toDbDate("2026-12-10"), maxScore: 10 },
      });
      try {
        const which = (await one("T0001", "还有谁没交")).text;
        expect(which).toContain("统计哪一项作业？");
        expect(which).toContain("1. 集中培训心得体会（P2026-01）11月30日截止");
        expect(which).toContain("2. 课堂实录反思（P2026-01）12月10日截止");
        expect((await one("T0001", "课堂实录反思还有谁没交")).text).toContain("「课堂实录反思」博乐市第一中学");
      } finally {
        await prisma().assignment.deleteMany({ where: { title: "课堂实录反思" } });
      }
    });
  });

  describe("达标率", () => {
    it("gives a school admin her school's 达标率 as a ratio and a percentage, then who is short and by what", async () => {
      const reply = (await one("T0001", "我们学校还有多少人没达标")).text;
      expect(reply).toContain("📊 博乐市第一中学本周期（2022—2026）达标 3/5 人，达标率 60%，2026年12月31日截止，还剩 38 天。");
      expect(reply).toContain("还没达标的 2 位：");
      expect(reply).toMatch(/· 李娜：.*还差/);
      expect(reply).toMatch(/· 陈静：.*还差/);
      expect(reply).not.toContain("杨帆");
    });

    it("says what each is short exactly as the teacher's own balance does", async () => {
      const own = (await one("T0003", "我还差多少学分")).text;
      const missing = /还差 ([\d.]+) 学分/.exec(own)?.[1];
      expect(missing).toBeDefined();
      expect((await one("T0001", "达标率")).text).toMatch(new RegExp(`· 李娜：[^\\n]*还差 ${missing} 学分`));
    });

    it("gives the region admin the region, naming schools, and pages the names with 更多", async () => {
      const s02 = await prisma().school.findFirstOrThrow({ where: { code: "S02" } });
      await prisma().teacher.createMany({
        data: Array.from({ length: 6 }, (_, index) => ({
          regionId: s02.regionId, schoolId: s02.id, employeeNumber: `N00${index + 1}`, name: `新老师${index + 1}`, roles: ["teacher" as const],
        })),
      });
      try {
        const first = (await one("A0001", "全区还有多少人没达标")).text;
        expect(first).toContain("📊 全区本周期（2022—2026）达标 5/16 人，达标率 31.3%");
        expect(first).toContain("还没达标的 11 位：");
        expect(first).toContain("· 李娜（博乐市第一中学）：");
        expect(first).toContain("（第 1/2 页，回复「更多」查看下一页）");
        const second = (await one("A0001", "更多")).text;
        expect(second).toContain("（第 2/2 页，完）");
        expect(second).toContain("达标 5/16 人");
        // A region admin without the teacher role is not counted as a teacher who is short.
        expect(`${first}\n${second}`).not.toContain("马红");
      } finally {
        await prisma().teacher.deleteMany({ where: { employeeNumber: { startsWith: "N00" } } });
      }
    });

    it("answers this year's 学时 when asked about the year", async () => {
      expect((await one("T0006", "今年学时还有谁没达标")).text).toContain("📊 博乐市实验小学2026年达标");
    });

    it("keeps a school admin to her school and refuses teachers and reviewers, offering nothing they cannot use", async () => {
      expect((await one("T0001", "全区达标率")).text).toBe("全区的达标情况需要区域管理员权限。本校的可以问：我们学校还有多少人没达标");
      for (const [who, question] of [["T0002", "我们学校还有多少人没达标"], ["T0004", "达标率"]] as const) {
        const refused = (await one(who, question)).text;
        expect(refused.split("\n")[0]).toBe("这项操作需要学校管理员或区域管理员权限。");
        expect(refused).not.toMatch(/达标率|催交|发通知/);
      }
    });

    it("does not put colleagues' shortfalls into a group", async () => {
      await one("T0002", "帮助", { group: "g-s01" });
      const reply = (await one("T0001", "我们学校还有多少人没达标", { group: "g-s01" })).text;
      expect(reply).not.toMatch(/李娜|陈静|达标率/);
      expect(reply).toContain("私聊");
    });
  });

  describe("待审核", () => {
    beforeAll(async () => {
      expect((await one("T0002", "交作业 1 https://mp.weixin.qq.com/s/wang")).text).toContain("已收到");
      expect((await one("T0004", "交作业 1 https://mp.weixin.qq.com/s/liu")).text).toContain("已收到");
      expect((await one("T0006", "交作业 1 https://mp.weixin.qq.com/s/yang")).text).toContain("已收到");
    });

    it.each(["待审核", "有哪些要审核的", "审核"])("%s shows the reviewer's queue with names, assignment and links, and what to type", async (text) => {
      const [wang, yang] = [
        await prisma().submission.findFirstOrThrow({ where: { teacher: { employeeNumber: "T0002" } } }),
        await prisma().submission.findFirstOrThrow({ where: { teacher: { employeeNumber: "T0006" } } }),
      ];
      const reply = (await one("T0004", text)).text;
      expect(reply).toContain("📝 待评审 2 份（先交的在前）：");
      expect(reply).toContain(`${wang.number}. 王强（博乐市第一中学）「集中培训心得体会」今天 10:00交 https://mp.weixin.qq.com/s/wang`);
      expect(reply).toContain(`${yang.number}. 杨帆（博乐市实验小学）「集中培训心得体会」今天 10:00交 https://mp.weixin.qq.com/s/yang`);
      // Nobody reviews their own work.
      expect(reply).not.toContain("刘洋");
      expect(reply).toContain(`审核 ${wang.number} 通过 分数（满分 20），或 审核 ${wang.number} 退回 原因`);
    });

    it("shows the region admin everything waiting, and says so when nothing is", async () => {
      expect((await one("A0001", "待审核")).text).toContain("待评审 3 份");
      await prisma().submission.updateMany({ data: { status: "approved", score: 18 } });
      expect((await one("T0004", "待审核")).text).toBe("现在没有待评审的作业 👍");
    });

    it("refuses teachers and school admins", async () => {
      const teacher = (await one("T0002", "待审核")).text;
      expect(teacher.split("\n")[0]).toBe("这项操作需要评审员或区域管理员权限。");
      expect(teacher).not.toMatch(/审核|催交|达标/);
      expect((await one("T0001", "审核")).text.split("\n")[0]).toBe("这项操作需要评审员或区域管理员权限。");
    });
  });
});

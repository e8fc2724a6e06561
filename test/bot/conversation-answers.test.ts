import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_REGION_CODE } from "../../src/domain/demo-data.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";

/**
 * Answers that used to be wrong or misleading (issue 13), through the real pipeline, templates and domain
 * over the demo region on a real database, the clock at 2026-11-23 10:00 in 博州. 李娜 (T0003) has records
 * in 2022–2024 only: 61.5 / 90 学分, and 2025 (closed) and 2026 each 72 学时 short. 王强 (T0002) is complete.
 * 吴军 (T0010) was hired 2025-08-15 and trained in 2026 only: 20.5 学分 (a provincial 集中 pass earns +5 %).
 */
describe.each(databaseKinds)("answers teachers can trust, on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const one = async (senderId: string, text: string) => {
    const replies = await bot.as(senderId)(text);
    expect(replies).toHaveLength(1);
    return replies[0]!.text;
  };
  const prisma = () => bot.database.prisma;

  beforeAll(async () => {
    bot = await startBot(kind);
    await bot.bind("u-lina", "T0003");
    await bot.bind("u-wang", "T0002");
    await bot.bind("u-wu", "T0010");
  });
  afterAll(async () => bot?.dispose());

  describe("what-if", () => {
    it("says which mode it assumed when none was named, and takes the one that counts least", async () => {
      const reply = await one("u-lina", "如果再参加县级培训30学时呢");
      expect(reply).toContain("你没说培训形式，先按网络培训算（折算最少）");
      expect(reply).toContain("「集中」");
      expect(reply).toContain("网络培训 30 学时 ÷ 5 = 6 学分");
      // Named, nothing is assumed.
      const named = await one("u-lina", "如果再参加县级集中培训30学时呢");
      expect(named).not.toContain("先按");
      expect(named).toContain("集中培训 30 学时 ÷ 4 = 7.5 学分");
    });

    it("does not call the cycle met while a closed year is still short, and says what is missing", async () => {
      const reply = await one("u-lina", "如果再参加省级集中培训200学时呢");
      expect(reply).toContain("本周期将从 61.5 变为 114 / 90 学分");
      expect(reply).not.toContain("就能达标");
      expect(reply).toContain("年度要求还没完成，仍不算达标");
      expect(reply).toContain("2025年培训学时还差 72 学时（该年度已结束");
    });

    it("still says 达标 when every requirement is met", async () => {
      expect(await one("u-wang", "如果再参加县级培训30学时呢")).toContain("本来就已达标 ✅");
    });

    it("refuses amounts that are not positive or beyond the whole cycle, and records nothing", async () => {
      const before = await prisma().ledgerEntry.count();
      for (const question of ["如果再学-40学时呢", "要是再学负20学时", "如果再拿100学分"]) {
        const reply = await one("u-lina", question);
        expect(reply).not.toContain("假设");
        expect(reply).toMatch(/算不了：测算的数要大于 0，最多 (450 学时|90 学分)/);
      }
      expect(await one("u-lina", "如果再拿90学分")).toContain("【假设，仅供参考，并未登记】");
      expect(await prisma().ledgerEntry.count()).toBe(before);
    });

    it("refuses more than 200 hours in one training, and takes 200", async () => {
      for (const question of ["如果再学450学时网络培训", "如果再学9999学时", "如果再参加县级集中培训201学时呢"]) {
        const reply = await one("u-lina", question);
        expect(reply).not.toContain("假设");
        expect(reply).toMatch(/^\d+ 学时算不了：一次培训最多按 200 学时测算。如果是几次培训，请一次问一次/);
      }
      expect(await one("u-lina", "如果再参加县级集中培训200学时呢")).toContain("集中培训 200 学时 ÷ 4 = 50 学分");
    });

    it("a level without a mode takes the region's usual mode for that level, and says so", async () => {
      const region = await prisma().region.findFirstOrThrow({ where: { code: DEMO_REGION_CODE } });
      const policy = region.customPolicy as Record<string, unknown>;
      await prisma().region.update({ where: { id: region.id }, data: { customPolicy: { ...policy, defaultModes: { county: "centralized" } } } });
      try {
        const reply = await one("u-lina", "如果再参加县级培训30学时呢");
        expect(reply).toContain("你没说培训形式，按本地县级培训通常的集中培训算；如果是网络培训或校本研修，问的时候带上「网络」或「校本」。");
        expect(reply).toContain("集中培训 30 学时 ÷ 4 = 7.5 学分");
        // Another level has no usual mode: the least favourable is still assumed.
        expect(await one("u-lina", "如果再参加省级培训30学时呢")).toContain("你没说培训形式，先按网络培训算（折算最少）");
      } finally {
        await prisma().region.update({ where: { id: region.id }, data: { customPolicy: policy as object } });
      }
    });
  });

  describe("records and how they were counted", () => {
    it("学分明细 without a year shows the whole cycle grouped by year, a year without records too", async () => {
      const first = await one("u-lina", "学分明细");
      expect(first).not.toContain("还没有培训记录");
      expect(first).toMatch(/^本周期（2022—2026）共 12 条记录，计 61.5 学分：/);
      expect(first).toContain("【2022年】当年计 90 学时（年度要求 72 学时）");
      expect(first).toContain("· 7月15日｜集中培训｜必修课程｜计 10.5 学分");
      expect(first).toContain("第 1/3 页");
      expect(await one("u-lina", "更多")).toContain("【2025年】当年计 0 学时（年度要求 72 学时），没有记录");
      expect(await one("u-lina", "更多")).toContain("只看一年请发「2024年的记录」");
      // A named year, or 今年, is that year only.
      expect(await one("u-lina", "2023年的记录")).toMatch(/^2023年的记录（4 条，当年计 90 学时）：\n· 4月20日｜网络培训｜必修课程｜计 4 学分/);
      expect(await one("u-lina", "今年的记录")).toContain("2026年还没有培训记录");
    });

    it("怎么算的 gives every line its date and category, so two years' trainings are not taken for duplicates", async () => {
      const reply = await one("u-lina", "怎么算的");
      expect(reply).toContain("· 2022年7月15日｜必修课程｜集中培训 40 学时 ÷ 4 = 10 学分，自治区级合格 +5% → 10.5 学分");
      expect(reply).toContain("· 2023年7月15日｜必修课程｜集中培训 40 学时 ÷ 4 = 10 学分");
      expect(reply).toContain("· 2022年6月30日｜校本课程｜校本研修 20 学时 ÷ 5 = 4 学分");
    });

    it("a teacher hired during the cycle hears in one line that her requirement was pro-rated and from what", async () => {
      const reply = await one("u-wu", "我还差多少学分");
      expect(reply.split("\n").length).toBeLessThanOrEqual(10);
      // 博州 pro-rates by years of service (configurable default): 2025 and 2026 → 2 of 5 years → 36 of 90.
      expect(reply).toContain("吴军老师，本周期（2022—2026）还没达标，2026年12月31日截止，还剩 38 天。\n你2025年8月入职，本周期按 2 年折算：要求 36 学分（全周期 90）。\n");
      expect(reply).toContain("已获得 20.5 / 36 学分，还差 15.5 学分。");
      expect(reply).not.toContain("还差 69.5 学分");
      // A colleague who served the whole cycle is not told about pro-rating.
      expect(await one("u-lina", "我还差多少学分")).not.toContain("折算");
    });

    it("怎么算的 and 学分明细 name the training a record was recorded against, from the engine's own line", async () => {
      const wu = await prisma().teacher.findFirstOrThrow({ where: { employeeNumber: "T0010" } });
      const project = await prisma().trainingProject.findFirstOrThrow({ where: { code: "P2026-01" } });
      await prisma().ledgerEntry.create({
        data: {
          teacherId: wu.id, projectId: project.id, occurredOn: new Date("2026-11-15T00:00:00Z"), mode: "centralized", category: "required",
          level: "provincial", hours: 40, result: "pass", approved: true, source: "manual", recordedBy: "A0001", idempotencyKey: "title-test",
        },
      });
      const title = "自治区级国家通用语言文字教学能力提升集中培训";
      expect(await one("u-wu", "怎么算的")).toContain(`· 2026年11月15日｜${title}｜必修课程｜集中培训 40 学时 ÷ 4 = 10 学分，自治区级合格 +5% → 10.5 学分`);
      expect(await one("u-wu", "今年的记录")).toContain(`· 11月15日｜${title}｜集中培训｜必修课程｜计 10.5 学分`);
    });

    it("a balance fits one phone screen and says the deadline and the days left", async () => {
      const reply = await one("u-lina", "我还差多少学分");
      expect(reply.split("\n").length).toBeLessThanOrEqual(10);
      expect(reply).toContain("李娜老师，本周期（2022—2026）还没达标，2026年12月31日截止，还剩 38 天。");
      expect(reply).toContain("还差 28.5 学分");
      expect(reply).toContain("年度要求还差：2025年 72 学时（已结束）；2026年 72 学时");
      expect(await one("u-lina", "今年学时够了吗")).toContain("请在2026年12月31日前完成，还剩 38 天。");
    });
  });

  describe("我的作业", () => {
    it("counts only what is left to do, and shows work waiting, sent back and approved with its score", async () => {
      const lina = await prisma().teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
      expect(await one("u-lina", "我的作业")).toMatch(/^你还有 1 项作业要完成：\n1\. 集中培训心得体会（P2026-01）11月30日截止｜未交｜不少于 1000 字/);
      await one("u-lina", "交作业 1 https://mp.weixin.qq.com/s/lina");
      const waiting = await one("u-lina", "我的作业");
      expect(waiting).not.toMatch(/\d 项作业(待|要)完成/);
      expect(waiting).toBe("李娜老师，作业都交了 👍 1 项在等评审：\n1. 集中培训心得体会（P2026-01）11月30日截止｜已交，等评审，不用再交");

      await prisma().submission.updateMany({ where: { teacherId: lina.id }, data: { status: "rejected", comment: "字数不足1000字" } });
      expect(await one("u-lina", "我的作业")).toContain("你还有 1 项作业要完成：\n1. 集中培训心得体会（P2026-01）11月30日截止｜被退回：字数不足1000字，请修改后重交");

      await prisma().submission.updateMany({ where: { teacherId: lina.id }, data: { status: "approved", score: 18, comment: null } });
      expect(await one("u-lina", "我的作业")).toBe("李娜老师，作业都交了 👍\n✓ 集中培训心得体会（P2026-01）已通过，18/20 分");
    });
  });

  describe("更多", () => {
    it("continues only the answer just before it: any other message drops the kept pages", async () => {
      expect(await one("u-wang", "学分明细")).toContain("回复「更多」查看下一页");
      expect(await one("u-wang", "我还差多少学分")).toContain("已达标");
      expect(await one("u-wang", "更多")).toBe("没有更多内容了。");
      // Something not understood in between drops them too.
      expect(await one("u-wang", "学分明细")).toContain("第 1/");
      await one("u-wang", "今天天气怎么样");
      expect(await one("u-wang", "更多")).toBe("没有更多内容了。");
    });
  });
});

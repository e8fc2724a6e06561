import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESETS, type PresetName } from "../../src/credits/index.js";
import { actorOf } from "../../src/domain/actors.js";
import { certifyYear } from "../../src/domain/certification.js";
import { checkPolicyChoice } from "../../src/domain/policies.js";
import type { Prisma } from "../../src/generated/prisma/client.js";
import { startBot } from "../support/bot.js";
import { databaseKinds } from "../support/database.js";
import { fixtures } from "../support/fixtures.js";

/**
 * Questions about the rules and about one part of the requirement, end to end, answered from the policy
 * of the asker's region: the demo region (博州 rules, clock at 2026-11-23, 李娜 T0003 short since 2025,
 * 陈静 T0005 without 信息技术融合 training, both at 博乐市第一中学 whose admin is 张丽), and one small region
 * per other rule set, each with a teacher and a school admin.
 */
describe.each(databaseKinds)("questions about the rules on %s", (kind) => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const one = async (senderId: string, text: string, where: { group?: string } = {}) => {
    const replies = await bot.as(senderId, where)(text);
    expect(replies).toHaveLength(1);
    return replies[0]!.text;
  };
  const prisma = () => bot.database.prisma;

  /** A region with its own rules, a school with an admin 周红, and the teacher `employeeNumber`, bound as u-<工号>. */
  async function regionWith(policy: { preset: PresetName } | { document: unknown }, employeeNumber: string) {
    const make = fixtures(prisma());
    const choice = "preset" in policy ? checkPolicyChoice({ preset: policy.preset }) : checkPolicyChoice({ policy: policy.document });
    const region = await make.region({ policy: choice.policy, customPolicy: (choice.customPolicy ?? undefined) as Prisma.InputJsonValue | undefined });
    const school = await make.school(region.id);
    await make.teacher(region.id, { schoolId: school.id, roles: ["teacher", "school_admin"], name: "周红", employeeNumber: `${employeeNumber}-ADMIN` });
    await make.teacher(region.id, { schoolId: school.id, name: "孙丽", employeeNumber, hiredOn: new Date("2015-09-01T00:00:00Z") });
    expect((await bot.bind(`u-${employeeNumber}`, employeeNumber))[0]?.text).toContain("绑定好了");
  }

  beforeAll(async () => {
    bot = await startBot(kind);
    for (const employeeNumber of ["T0003", "T0005"]) expect((await bot.bind(`u-${employeeNumber}`, employeeNumber))[0]?.text).toContain("绑定好了");
    await regionWith({ preset: "yunyang" }, "YY01");
    await regionWith({ preset: "lanxi" }, "LX01");
    await regionWith({ preset: "district90" }, "QX01");
    await regionWith(
      {
        document: {
          ...PRESETS.yunyang,
          id: "custom-city",
          name: "某市教师继续教育学分管理办法",
          gradeBonus: { bands: [{ levels: ["national", "provincial", "prefecture", "county", "school"], percent: { excellent: 20 } }], source: "某教〔2024〕7号 第九条" },
          notes: [{ source: "第十条", text: "培训期间请假超过总学时三分之一的，本次培训不合格" }],
        },
      },
      "CU01",
    );
  });
  afterAll(async () => bot?.dispose());

  describe("rules, from the region's own policy", () => {
    it("优秀加分: 博州's bands and quota; 云阳's document is silent; a custom document gives its own number and citation", async () => {
      const bozhou = await one("u-T0003", "考核优秀能加分吗");
      expect(bozhou).toContain("按《博州中小学教师继续教育规划》");
      expect(bozhou).toContain("· 国家级、自治区级项目：合格 +5%，良好 +10%，优秀 +15%");
      expect(bozhou).toContain("· 州级、县级、校级项目：良好 +5%，优秀 +10%");
      expect(bozhou).toContain("每个项目良好及以上不超过 30%，其中优秀不超过 15%");
      expect(await one("u-YY01", "考核优秀能加分吗")).toBe(
        "本地区文件（《云阳县“十四五”时期教师培训学分管理》）没有规定优秀、良好加分，登记时按基础学分计算。",
      );
      const custom = await one("u-CU01", "考核优秀能加分吗");
      expect(custom).toContain("· 国家级、省级、地市级、县级、校级项目：优秀 +20%");
      expect(custom).toContain("依据：某教〔2024〕7号 第九条。");
    });

    it("几个学时算一学分: each region's rates, an assumed rate marked as such, none where hours are counted", async () => {
      const bozhou = await one("u-T0003", "几个学时算一学分");
      expect(bozhou).toContain("· 集中培训 4 学时 = 1 学分\n· 网络培训 5 学时 = 1 学分\n· 校本研修 5 学时 = 1 学分");
      expect(bozhou).not.toContain("没写明");
      const yunyang = await one("u-YY01", "几个学时算一学分");
      expect(yunyang).toContain("· 集中研修 3 学时 = 1 学分");
      expect(yunyang).toContain("文件没写明的地方，系统按本地区的设置计算，以教育局认定为准");
      expect(await one("u-LX01", "几个学时算一学分")).toBe("本地区按学时计，不用折算成学分。");
    });

    it("学历提升: 博州 counts the cycle as met on conditions; where the document is silent it says so and names who to ask", async () => {
      const bozhou = await one("u-T0003", "学历提升能抵学分吗");
      expect(bozhou).toContain("视为本周期继续教育学分合格");
      expect(bozhou).toContain("请带上批准材料和证书找学校管理员张丽老师登记");
      expect(await one("u-YY01", "专升本能顶学分吗")).toBe(
        "本地区文件（《云阳县“十四五”时期教师培训学分管理》）没有规定学历提升可以抵学分，系统不会把学历提升计入。有疑问可以问学校管理员周红老师。",
      );
    });

    it("请假 and 不合格: the rule every region applies, with what a region's own document adds", async () => {
      expect(await one("u-T0003", "培训请假扣不扣学时")).toBe("培训中请假的学时要扣除：按实际参加的学时登记（安排学时 − 请假学时），再按本地区标准折算成学分。");
      expect(await one("u-LX01", "培训请假扣不扣学时")).toBe("培训中请假的学时要扣除：按实际参加的学时登记（安排学时 − 请假学时）。");
      expect(await one("u-CU01", "培训请假扣不扣学时")).toContain("按《某市教师继续教育学分管理办法》：培训期间请假超过总学时三分之一的，本次培训不合格");
      expect(await one("u-T0003", "考核不合格算不算学时")).toContain("考核不合格的培训不登记学分");
    });

    it("不达标的后果: 云阳 lists its consequences, 博州 says what its plan leaves open, 兰西 has none", async () => {
      const yunyang = await one("u-YY01", "学分不达标有什么后果");
      expect(yunyang).toContain("· 年度没达标：当年度继续教育为不合格；当年年度考核不合格；不得申报高一级职称；不得评优评先；不予教师资格定期注册");
      expect(yunyang).toContain("· 周期没达标：本周期继续教育不合格；不得续聘");
      const bozhou = await one("u-T0003", "学分不达标有什么后果");
      expect(bozhou).toContain("· 周期没达标：文件没有规定");
      expect(bozhou).toContain("规划未规定未达到时的处理");
      expect(await one("u-LX01", "学分不达标有什么后果")).toContain("本地区文件（《兰西县教师培训方案》）没有规定不达标的后果。");
    });

    it("要求 and 起止: the region's own amounts, years and dates", async () => {
      const district = await one("u-QX01", "每年要多少学时");
      expect(district).toContain("· 每学年度不少于 90 学时，其中公需科目不少于 30 学时");
      expect(district).toContain("· 培训周期 5 年，共不少于 450 学时（文件没写明，按本地区的设置）");
      expect(await one("u-LX01", "每年要多少学时")).toContain("· 本地区文件没有规定每年最低学时");
      expect(await one("u-T0003", "周期从哪年到哪年")).toContain("2026年：2026年1月1日—2026年12月31日，还有 38 天结束；年度按自然年（1月—12月）统计。");
      expect(await one("u-LX01", "周期从哪年到哪年")).toContain("2026—2027学年度：2026年9月1日—2027年8月31日，还有 281 天结束；年度按学年度（9月—次年8月）统计。");
    });

    it("多出来的能不能结转: 博州's overflow between categories; carrying into another year is in no document", async () => {
      const bozhou = await one("u-T0003", "多出来的学分能结转吗");
      expect(bozhou).toContain("必修课程超出要求的部分可以折抵选修课程、校本课程");
      expect(bozhou).toContain("多出来的学分结转到下一年或下一个周期：本地区文件没有规定");
      expect(await one("u-QX01", "多出来的学时明年还算吗")).toBe("多出来的学时结转到下一年或下一个周期：本地区文件没有规定，系统按培训日期计入当年和当前周期。");
    });

    it("a rule is nobody's private business: asked in a group, the group hears it", async () => {
      expect(await one("u-T0003", "主讲有加分吗", { group: "g-rules" })).toContain("· 国家级、自治区级项目 +200%");
    });
  });

  describe("还能补吗", () => {
    it("2025年的学时还能补吗 says the year is over, what it lacked, what can still be made up and who to ask (not 2025's records)", async () => {
      const reply = await one("u-T0003", "2025年的学时还能补吗");
      expect(reply).not.toContain("记录");
      expect(reply).toBe(
        [
          "李娜老师，2025年已经结束：现在参加的培训计入2026年，补不到2025年了。",
          "2025年完成 0 / 72 学时，差 72 学时。",
          "本周期还差 28.5 学分，2026年12月31日前补上都算（还剩 38 天），回复「我还差多少学分」看详情。",
          "2025年参加过但没登记上的培训，请带上培训证书找学校管理员张丽老师核实补登。",
        ].join("\n"),
      );
      expect(await one("u-T0003", "去年的学时还能补吗谢谢老师")).toBe(reply);
    });

    it("a certified year says so, and whom to ask about the certification", async () => {
      const admin = await prisma().teacher.findFirstOrThrow({ where: { employeeNumber: "A0001" } });
      const lina = await prisma().teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
      await certifyYear(prisma(), { actor: actorOf(admin), year: 2025, schoolId: lina.schoolId!, now: bot.clock.now });
      const reply = await one("u-T0003", "2025年的学时还能补吗");
      expect(reply).toContain("2025年已经结束，2026年11月23日已完成年度认定：现在参加的培训计入2026年，补不到2025年了。");
      expect(reply).toContain("对2025年的认定有疑问，请找学校管理员张丽老师核对。");
    });

    it("an open year can still take training; a year of an earlier cycle cannot", async () => {
      expect(await one("u-QX01", "学时还能补吗")).toContain("孙丽老师，2026—2027学年度还没结束（2027年5月31日截止，还剩 189 天），现在参加的培训都计入2026—2027学年度。");
      // 云阳's cycle turned on 2026-01-01: 2025 closed the previous one.
      expect(await one("u-YY01", "2025年的学时还能补吗")).toBe(
        "孙丽老师，2025年属于上一个培训周期，那个周期已经结束，补不了了。\n有疑问请找学校管理员周红老师。",
      );
    });

    it("is the teacher's own standing: asked in a group, the group hears no numbers", async () => {
      const reply = await one("u-T0003", "2025年的学时还能补吗", { group: "g-rules" });
      expect(reply).not.toMatch(/\d+ 学时/);
    });
  });

  describe("one part of the requirement", () => {
    it("信息技术2.0还差多少: just that floor, with its unit, the deadline and days left", async () => {
      expect(await one("u-T0005", "信息技术2.0还差多少")).toBe(
        "陈静老师：\n· 必修中的信息技术与学科教学融合培训：0 / 10 学分，还差 10 学分，2026年12月31日前完成（还剩 38 天）\n回复「我还差多少学分」看全部。",
      );
    });

    it("必修 and 集中: the region's own category and floor; 校本 finds the category 校本研修 fills", async () => {
      expect(await one("u-T0003", "必修还差多少")).toContain("· 必修课程：43.5 / 60 学分，还差 16.5 学分，2026年12月31日前完成（还剩 38 天）");
      expect(await one("u-T0003", "集中培训够了吗")).toContain("· 必修中的集中培训：31.5 / 25 学分，已够 ✅");
      expect(await one("u-T0003", "校本够了吗")).toContain("· 校本课程：12 / 20 学分，还差 8 学分");
      expect(await one("u-YY01", "集中培训够了吗")).toContain("· 县级及以上集中研修：0 / 20 学分，还差 20 学分，2030年12月31日前完成（还剩 1499 天）");
    });

    it("公需: a yearly floor in hours where the region has one, else the whole balance", async () => {
      expect(await one("u-QX01", "公需科目够了吗")).toContain("· 2026—2027学年度公需科目：0 / 30 学时，还差 30 学时，2027年5月31日前完成（还剩 189 天）");
      expect(await one("u-T0003", "公需科目够了吗")).toBe(
        "李娜老师，本地区没有单独的公需科目要求，都算在总数里。\n本周期（2022—2026）已获得 61.5 / 90 学分，还差 28.5 学分，2026年12月31日前完成（还剩 38 天）。\n回复「我还差多少学分」看全部。",
      );
    });
  });
});

import { describe, expect, it } from "vitest";
import { policyFacts, yearMakeUp } from "../../src/credits/policy-facts.js";
import { PRESETS } from "../../src/credits/presets/index.js";
import { record, run, variant } from "./support.js";

/**
 * What each region's policy answers to the rules questions teachers ask. Every number comes from the
 * preset (or document) itself; a rule the policy lacks is absent, so the bot says 本地区文件没有规定.
 */
describe("policyFacts", () => {
  it("博州 gives grade and lecturer bonuses by level, with its quota, and they do not stack", () => {
    const facts = policyFacts(PRESETS.bozhou, "2026-11-23");
    expect(facts.document).toBe("博州中小学教师继续教育规划");
    expect(facts.unit).toBe("学分");
    expect(facts.grade_bonus.bands).toEqual([
      { levels: "国家级、自治区级", grades: [{ result: "合格", percent: 5 }, { result: "良好", percent: 10 }, { result: "优秀", percent: 15 }] },
      { levels: "州级、县级、校级", grades: [{ result: "良好", percent: 5 }, { result: "优秀", percent: 10 }] },
    ]);
    expect(facts.grade_bonus.quota).toEqual({ goodOrBetter: 30, excellent: 15 });
    expect(facts.lecturer_bonus).toMatchObject({
      bands: [{ levels: "国家级、自治区级", percent: 200 }, { levels: "州级、县级、校级", percent: 100 }],
      stacksWithGradeBonus: false,
      hasGradeBonus: true,
      // Whether they stack is not in the plan: the answer must say the region's settings chose it.
      source: { assumed: true },
    });
    expect(facts.degree_upgrade).toEqual({ assumed: false });
    expect(facts.conversion).toMatchObject({
      countsHours: false,
      rates: [{ mode: "集中培训", hours: 4 }, { mode: "网络培训", hours: 5 }, { mode: "校本研修", hours: 5 }],
      source: { assumed: false },
    });
    expect(facts.carry_over.overflow).toEqual([{ from: "必修课程", to: "选修课程、校本课程" }]);
    // 博州 names no consequence, only that the yearly 72 hours are "in principle" with no stated handling.
    expect(facts.consequences).toEqual({ annual: [], cycle: [], preService: [], notes: [expect.stringContaining("未规定未达到时的处理")] });
    expect(facts.requirement).toMatchObject({
      cycleYears: 5,
      total: 90,
      categories: [{ name: "必修课程", minimum: 60 }, { name: "选修课程", minimum: 10 }, { name: "校本课程", minimum: 20 }],
      floors: [{ label: "必修中的集中培训", minimum: 25 }, { label: "必修中的信息技术与学科教学融合培训", minimum: 10 }],
      annual: { per: "每年", minimum: 72, unit: "学时", floors: [] },
    });
  });

  it("云阳 has no bonuses and no degree rule, an assumed conversion, and lists its consequences", () => {
    const facts = policyFacts(PRESETS.yunyang, "2024-03-01");
    expect(facts.grade_bonus).toEqual({ bands: [], notes: [] });
    expect(facts.lecturer_bonus).toBeUndefined();
    expect(facts.degree_upgrade).toBeUndefined();
    expect(facts.conversion).toMatchObject({ rates: [{ mode: "集中研修", hours: 3 }, { mode: "线上培训", hours: 3 }, { mode: "校本培训", hours: 3 }], source: { assumed: true } });
    expect(facts.carry_over.overflow).toEqual([]);
    expect(facts.consequences).toEqual({
      annual: ["当年度继续教育为不合格", "当年年度考核不合格", "不得申报高一级职称", "不得评优评先", "不予教师资格定期注册"],
      cycle: ["本周期继续教育不合格", "不得续聘"],
      preService: ["不得转正定级"],
      // The note 新教师未完成上岗培训规定学时者，不得转正定级 restates a listed consequence.
      notes: [],
    });
    expect(facts.requirement).toMatchObject({ total: 120, floors: [{ label: "县级及以上集中研修", minimum: 20 }], annual: { minimum: 24, unit: "学分", source: { assumed: true } } });
    expect(facts.dates).toMatchObject({
      cycle: { start: "2021-01-01", end: "2025-12-31", years: 5 },
      year: { label: "2024年", start: "2024-01-01", end: "2024-12-31", daysLeft: 305 },
      scheme: "自然年（1月—12月）",
    });
  });

  it("兰西 counts hours: no conversion, no yearly minimum, assessments award hours, training years from September", () => {
    const facts = policyFacts(PRESETS.lanxi, "2026-11-23");
    expect(facts.conversion).toEqual({ countsHours: true, rates: [], fixed: [] });
    expect(facts.consequences).toBeUndefined();
    expect(facts.requirement.annual).toBeUndefined();
    expect(facts.requirement.assessments).toEqual([{ label: "教师考核", minScore: 60, hours: 24 }, { label: "校本培训考核", minScore: 80, hours: 12 }]);
    expect(facts.dates).toMatchObject({
      cycle: { start: "2026-09-01", end: "2031-08-31", source: { assumed: true } },
      year: { label: "2026—2027学年度", start: "2026-09-01", end: "2027-08-31" },
    });
  });

  it("山东 registers 18 credits without a conversion rate, and its notes answer leave and grades", () => {
    const facts = policyFacts(PRESETS["shandong-remote"], "2026-11-23");
    expect(facts.conversion).toMatchObject({ countsHours: false, rates: [], fixed: [{ label: "全员远程研修", credits: 18 }] });
    expect(facts.leave.notes).toEqual([expect.stringContaining("视为请假一天")]);
    expect(facts.grade_bonus.bands).toEqual([]);
    expect(facts.grade_bonus.notes).toEqual([expect.stringContaining("不能评为优秀")]);
    expect(facts.consequences?.cycle).toEqual(["本学年考核不能评为优秀等级"]);
  });

  it("某区 and 随县: yearly floors in hours, per training year or calendar year", () => {
    expect(policyFacts(PRESETS.district90, "2026-11-23").requirement.annual).toMatchObject({
      per: "每学年度",
      minimum: 90,
      floors: [{ label: "公需科目", minimum: 30 }],
    });
    const suixian = policyFacts(PRESETS.suixian, "2026-11-23").requirement;
    expect(suixian.total).toBe(360);
    expect(suixian.source.assumed).toBe(true);
    expect(suixian.annual).toMatchObject({ per: "每年", floors: [{ label: "校本培训", minimum: 36 }] });
    expect(suixian.annual?.minimum).toBeUndefined();
  });

  it("a custom document answers with its own numbers and citations, no code change", () => {
    const custom = variant("yunyang", {
      id: "custom-city",
      name: "某市教师继续教育学分管理办法",
      gradeBonus: { bands: [{ levels: ["national", "provincial", "prefecture", "county", "school"], percent: { excellent: 20 } }], source: "某教〔2024〕7号 第九条" },
      degreeUpgrade: { source: "某教〔2024〕7号 第十二条" },
      notes: [{ source: "第十条", text: "培训期间请假超过总学时三分之一的，本次培训不合格" }],
    });
    const facts = policyFacts(custom, "2026-11-23");
    expect(facts.grade_bonus.bands).toEqual([{ levels: "国家级、省级、地市级、县级、校级", grades: [{ result: "优秀", percent: 20 }] }]);
    expect(facts.grade_bonus.source).toEqual({ assumed: false, citation: "某教〔2024〕7号 第九条" });
    expect(facts.degree_upgrade).toEqual({ assumed: false, citation: "某教〔2024〕7号 第十二条" });
    expect(facts.leave.notes).toEqual(["培训期间请假超过总学时三分之一的，本次培训不合格"]);
    expect(facts.failed.notes).toEqual(["培训期间请假超过总学时三分之一的，本次培训不合格"]);
  });
});

describe("yearMakeUp", () => {
  it("a closed year short of its minimum can no longer be made up; its gap and the open cycle are stated", () => {
    const evaluation = run("yunyang", [record({ date: "2022-04-01", hours: 60 }), record({ date: "2023-04-01", hours: 72 })], { asOf: "2023-11-23" });
    const closed = yearMakeUp(PRESETS.yunyang, evaluation, 2022);
    expect(closed).toMatchObject({
      label: "2022年",
      when: "closed",
      currentLabel: "2023年",
      annual: { earned: 20, required: 24, missing: 4, unit: "学分" },
      consequences: ["当年度继续教育为不合格", "当年年度考核不合格", "不得申报高一级职称", "不得评优评先", "不予教师资格定期注册"],
      cycle: { end: "2025-12-31", met: false, missing: 76, unit: "学分", over: false },
    });
    const open = yearMakeUp(PRESETS.yunyang, evaluation, 2023);
    expect(open).toMatchObject({ when: "open", daysLeft: 38, annual: { earned: 24, required: 24, missing: 0 }, consequences: [] });
    expect(yearMakeUp(PRESETS.yunyang, evaluation, 2020).when).toBe("before_cycle");
    expect(yearMakeUp(PRESETS.yunyang, evaluation, 2024).when).toBe("future");
  });

  it("a region without a yearly minimum has no year figure to make up", () => {
    const evaluation = run("lanxi", [record({ date: "2024-10-01", hours: 30 })], { asOf: "2025-11-23" });
    const standing = yearMakeUp(PRESETS.lanxi, evaluation, 2024);
    expect(standing).toMatchObject({ label: "2024—2025学年度", when: "closed", gaps: [], consequences: [] });
    expect(standing.annual).toBeUndefined();
  });
});

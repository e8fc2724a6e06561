import { PRO_RATING_DEFAULT_REASON, type PolicyInput } from "../policy-schema.js";

/** 博州 (seed 000 plan 3): credit-rules.md B1–B10, A4, A5. */
export const bozhou = {
  id: "bozhou",
  name: "博州中小学教师继续教育规划",
  region: "新疆博尔塔拉蒙古自治州（博州）",
  unit: "credit",
  cycle: {
    years: 5,
    anchor: "2021-01-01",
    source: "B1",
    configurableDefault: "规划只说五年一周期，未写起始年份；按 2021 年 1 月 1 日（“十四五”）起算",
  },
  total: { required: 90, source: "B1" },
  proRating: { by: "years", source: "B1", configurableDefault: PRO_RATING_DEFAULT_REASON },
  conversion: { hoursPerCredit: { centralized: 4, online: 5, school_based: 5 }, source: "B4" },
  categories: {
    required: { minimum: 60, suggestModes: ["centralized", "online"], source: "B2" },
    elective: { minimum: 10, suggestModes: ["centralized", "online"], source: "B2" },
    school_course: { minimum: 20, suggestModes: ["school_based"], source: "B2" },
  },
  overflow: [{ from: "required", to: ["elective", "school_course"], source: "B3" }],
  floors: [
    {
      id: "centralized",
      label: "必修中的集中培训",
      minimum: 25,
      match: { categories: ["required"], modes: ["centralized"] },
      source: "B2",
    },
    {
      id: "it_integration",
      label: "必修中的信息技术与学科教学融合培训",
      minimum: 10,
      match: { categories: ["required"], tags: ["it_integration"] },
      source: "B2",
    },
  ],
  gradeBonus: {
    bands: [
      { levels: ["national", "provincial"], percent: { pass: 5, good: 10, excellent: 15 } },
      { levels: ["prefecture", "county", "school"], percent: { good: 5, excellent: 10 } },
    ],
    source: "B6",
  },
  lecturerBonus: {
    bands: [
      { levels: ["national", "provincial"], percent: 200 },
      { levels: ["prefecture", "county", "school"], percent: 100 },
    ],
    stacksWithGradeBonus: false,
    source: "B7",
    configurableDefault: "规划未说明等次奖励与主讲奖励能否叠加；默认不叠加，主讲记录只计主讲奖励（stacksWithGradeBonus）",
  },
  years: { startMonth: 1, source: "B5", configurableDefault: "“每年”按自然年（1月—12月）统计" },
  annual: { minimum: 72, unit: "hour", source: "B5" },
  degreeUpgrade: { source: "B9" },
  preService: { excluded: true, requiredHours: 120, withinMonths: 12, source: "A4" },
  gradeQuota: { goodOrBetterMaxPercent: 30, excellentMaxPercent: 15, source: "B8" },
  certification: { perYear: 1, by: "地（州、市）或县（市、区）教育行政部门", source: "A5" },
  levelNames: { provincial: "自治区级", prefecture: "州级" },
  notes: [
    { source: "B5", text: "每年不少于 72 学时是“原则上”的要求，规划未规定未达到时的处理" },
    { source: "B10", text: "集中培训不少于 25 学分，即不少于 100 个集中培训学时" },
  ],
} satisfies PolicyInput;

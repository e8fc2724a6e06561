import { PRO_RATING_DEFAULT_REASON, type PolicyInput } from "../policy-schema.js";

/** 某区 (seed 000 plan 4): credit-rules.md E3. */
export const district90 = {
  id: "district90",
  name: "某区中小学教师全员培训（学年度 90 学时）",
  region: "某区（计划未写地名）",
  unit: "hour",
  cycle: {
    years: 5,
    anchor: "2021-06-01",
    source: "E3",
    configurableDefault: "计划只规定学年度要求；周期按五个学年度、从 2021 年 6 月（学年度启动）起算",
  },
  total: {
    required: 450,
    source: "E3",
    configurableDefault: "计划未给周期总学时；按每学年度 90 学时 × 5 = 450 学时推算",
  },
  proRating: { by: "years", source: "E3", configurableDefault: PRO_RATING_DEFAULT_REASON },
  years: { startMonth: 7, endMonth: 5, source: "E3" },
  annual: {
    minimum: 90,
    unit: "hour",
    floors: [
      { id: "public_subject", label: "公需科目", minimum: 30, match: { tags: ["public_subject"] }, source: "E3" },
    ],
    source: "E3",
  },
  certification: { perYear: 1, by: "区教育局师训办（各单位初审，上级复核后由区教师进修学校验印）", source: "E3" },
  notes: [{ source: "E3", text: "学年度为 7 月至次年 5 月；6 月为训前调研和学时认定，6 月的培训计入下一学年度" }],
} satisfies PolicyInput;

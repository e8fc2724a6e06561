import { PRO_RATING_DEFAULT_REASON, type PolicyInput } from "../policy-schema.js";

/** 潜江 (seed 000 plan 1): credit-rules.md E1. */
export const qianjiang = {
  id: "qianjiang",
  name: "潜江市中小学教师继续教育计划",
  region: "湖北省潜江市",
  unit: "hour",
  cycle: {
    years: 5,
    anchor: "2021-01-01",
    source: "D1",
    configurableDefault: "计划只给每年 72 学时；周期按全国五年一周期、2021 年起算",
  },
  total: {
    required: 360,
    source: "E1",
    configurableDefault: "计划未给周期总数；取 72 × 5 = 360 学时，与全国五年 360 学时一致",
  },
  proRating: { by: "years", source: "E1", configurableDefault: PRO_RATING_DEFAULT_REASON },
  years: { startMonth: 1, source: "E1" },
  annual: { minimum: 72, unit: "hour", source: "E1" },
  certification: { perYear: 2, by: "市继教中心（上半年审核登记，年底汇总）", source: "E1" },
} satisfies PolicyInput;

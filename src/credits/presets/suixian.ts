import { PRO_RATING_DEFAULT_REASON, type PolicyInput } from "../policy-schema.js";

/** 随县 (seed 000 plan 5): credit-rules.md E4. */
export const suixian = {
  id: "suixian",
  name: "随县中小学教师继续教育学时管理",
  region: "湖北省随县",
  unit: "hour",
  cycle: {
    years: 5,
    anchor: "2021-01-01",
    source: "D1",
    configurableDefault: "计划未给周期；按全国五年一周期、2021 年起算",
  },
  total: {
    required: 360,
    source: "D1",
    configurableDefault: "计划未给周期总学时；取全国五年不少于 360 学时",
  },
  proRating: { by: "years", source: "D1", configurableDefault: PRO_RATING_DEFAULT_REASON },
  years: { startMonth: 1, source: "E4" },
  annual: {
    unit: "hour",
    floors: [{ id: "school_based", label: "校本培训", minimum: 36, match: { modes: ["school_based"] }, source: "E4" }],
    source: "E4",
  },
  certification: { perYear: 1, by: "县继教部门（学时年审、验印，继教证书）", source: "E4" },
  modeNames: { school_based: "校本培训" },
} satisfies PolicyInput;

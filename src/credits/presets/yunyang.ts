import { PRO_RATING_DEFAULT_REASON, type PolicyInput } from "../policy-schema.js";

const C4 = "C4";

/** 云阳 (seed 002, 云教〔2021〕2号): credit-rules.md C1–C6. */
export const yunyang = {
  id: "yunyang",
  name: "云阳县“十四五”时期教师培训学分管理",
  region: "重庆市云阳县",
  unit: "credit",
  cycle: { years: 5, anchor: "2021-01-01", source: "C1" },
  total: { required: 120, source: "C1" },
  proRating: { by: "years", source: "C1", configurableDefault: PRO_RATING_DEFAULT_REASON },
  conversion: {
    hoursPerCredit: { centralized: 3, online: 3, school_based: 3 },
    source: "C5",
    configurableDefault: "文件未给学时与学分的换算；按全国五年不少于 360 学时（D1）对应本县 120 学分，取 3 学时 = 1 学分",
  },
  floors: [
    {
      id: "county_centralized",
      label: "县级及以上集中研修",
      minimum: 20,
      match: { modes: ["centralized"], minLevel: "county" },
      source: "C2",
    },
  ],
  years: { startMonth: 1, source: "C3" },
  annual: {
    minimum: 24,
    unit: "credit",
    source: "C3",
    configurableDefault: "文件只说“年度学分最低要求”，未给数值；按 120 ÷ 5 = 24 学分推算",
  },
  consequences: {
    annualShortfall: [
      { code: "ANNUAL_CE_FAILED", text: "当年度继续教育为不合格", source: C4 },
      { code: "ANNUAL_APPRAISAL_FAILED", text: "当年年度考核不合格", source: C4 },
      { code: "NO_TITLE_PROMOTION", text: "不得申报高一级职称", source: C4 },
      { code: "NO_AWARDS", text: "不得评优评先", source: C4 },
      { code: "NO_LICENCE_REGISTRATION", text: "不予教师资格定期注册", source: C4 },
    ],
    cycleShortfall: [
      { code: "CYCLE_CE_FAILED", text: "本周期继续教育不合格", source: C4 },
      { code: "NOT_REHIRED", text: "不得续聘", source: C4 },
    ],
    preServiceIncomplete: [{ code: "NOT_CONFIRMED", text: "不得转正定级", source: C4 }],
  },
  preService: {
    excluded: true,
    withinMonths: 12,
    source: "A4",
    configurableDefault: "文件未给上岗培训学时数，设置 requiredHours 后才会自动检查“不得转正定级”",
  },
  modeNames: { centralized: "集中研修", online: "线上培训", school_based: "校本培训" },
  notes: [
    { source: "C6", text: "新教师参加工作 1 年内到培训基地学校跟岗 15 天以上" },
    { source: "C4", text: "新教师未完成上岗培训规定学时者，不得转正定级" },
  ],
} satisfies PolicyInput;

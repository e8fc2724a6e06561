/**
 * The fixed vocabulary of credit-rules.md. Code names stay English; every name a teacher reads is Chinese.
 * Orders matter: LEVELS runs from highest to lowest authority, RESULTS from worst to best grade.
 */

export const UNITS = ["hour", "credit"] as const;
export type Unit = (typeof UNITS)[number];

export const MODES = ["centralized", "online", "school_based"] as const;
export type Mode = (typeof MODES)[number];

export const CATEGORIES = ["required", "elective", "school_course"] as const;
export type Category = (typeof CATEGORIES)[number];

export const LEVELS = ["national", "provincial", "prefecture", "county", "school"] as const;
export type Level = (typeof LEVELS)[number];

export const RESULTS = ["fail", "pass", "good", "excellent"] as const;
export type Result = (typeof RESULTS)[number];

export const ROLES = ["participant", "lecturer"] as const;
export type Role = (typeof ROLES)[number];

export const ASSESSMENT_KINDS = ["teacher_semester", "school_based"] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** How a mid-cycle hire's cycle requirement is pro-rated (policy `proRating.by`). */
export const PRO_RATING_MODES = ["none", "years", "months"] as const;
export type ProRatingMode = (typeof PRO_RATING_MODES)[number];

export const UNIT_NAMES: Readonly<Record<Unit, string>> = { hour: "学时", credit: "学分" };

export const MODE_NAMES: Readonly<Record<Mode, string>> = {
  centralized: "集中培训",
  online: "网络培训",
  school_based: "校本研修",
};

export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  required: "必修课程",
  elective: "选修课程",
  school_course: "校本课程",
};

export const LEVEL_NAMES: Readonly<Record<Level, string>> = {
  national: "国家级",
  provincial: "省级",
  prefecture: "地市级",
  county: "县级",
  school: "校级",
};

export const RESULT_NAMES: Readonly<Record<Result, string>> = {
  fail: "不合格",
  pass: "合格",
  good: "良好",
  excellent: "优秀",
};

export const ASSESSMENT_KIND_NAMES: Readonly<Record<AssessmentKind, string>> = {
  teacher_semester: "教师学期考核",
  school_based: "校本培训考核",
};

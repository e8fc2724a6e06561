import type { Category, Level, Mode, Result, Role } from "../../credits/vocabulary.js";
import type { AssignmentKind } from "./types.js";

/**
 * Words teachers use for the credit engine's and the domain's vocabulary. Each table is searched in
 * order and the first word found wins, so a longer or more specific word comes before the word it
 * contains (自治区级 before 区级, 不合格 before 合格, 活动反思 before 反思).
 */
type WordTable<Meaning> = readonly (readonly [word: string, meaning: Meaning])[];

export const MODE_WORDS: WordTable<Mode> = [
  ["集中培训", "centralized"], ["集中研修", "centralized"], ["集中", "centralized"], ["面授", "centralized"],
  ["线下", "centralized"], ["centralized", "centralized"], ["facetoface", "centralized"], ["inperson", "centralized"],
  ["网络", "online"], ["远程", "online"], ["线上", "online"], ["网上", "online"], ["网课", "online"], ["online", "online"],
  ["校本", "school_based"], ["schoolbased", "school_based"],
];

/**
 * 区级 alone is a city district, which ranks as a county; 自治区级 is a province-level region and must be
 * looked up first because it contains 区级.
 */
export const LEVEL_WORDS: WordTable<Level> = [
  ["国家级", "national"], ["国培", "national"], ["national", "national"],
  ["自治区级", "provincial"], ["省级", "provincial"], ["省培", "provincial"], ["provincial", "provincial"],
  ["地市级", "prefecture"], ["州级", "prefecture"], ["市级", "prefecture"], ["地级", "prefecture"], ["prefecture", "prefecture"],
  ["区县级", "county"], ["县级", "county"], ["区级", "county"], ["county", "county"],
  ["校级", "school"],
];

/** "不合格" has no hypothetical meaning (a failed training earns nothing), so it maps to no result. */
export const RESULT_WORDS: WordTable<Exclude<Result, "fail"> | undefined> = [
  ["不合格", undefined], ["不及格", undefined],
  ["优秀", "excellent"], ["excellent", "excellent"], ["良好", "good"], ["合格", "pass"], ["及格", "pass"], ["pass", "pass"],
];

export const ROLE_WORDS: WordTable<Role> = [
  ["主讲", "lecturer"], ["授课", "lecturer"], ["讲课", "lecturer"], ["讲师", "lecturer"], ["lecturer", "lecturer"], ["lecture", "lecturer"],
];

export const CATEGORY_WORDS: WordTable<Category> = [
  ["必修", "required"], ["required", "required"], ["选修", "elective"], ["elective", "elective"], ["校本课程", "school_course"],
];

export const ASSIGNMENT_KIND_WORDS: WordTable<AssignmentKind> = [
  ["活动反思", "activity_reflection"], ["联研反思", "activity_reflection"], ["反思", "activity_reflection"],
  ["心得体会", "reflection"], ["心得", "reflection"], ["体会", "reflection"], ["reflection", "reflection"],
  ["评课", "lesson_review"], ["lessonreview", "lesson_review"], ["review", "lesson_review"],
  ["教学设计", "teaching_design"], ["教案", "teaching_design"], ["teachingdesign", "teaching_design"], ["design", "teaching_design"],
  ["学时证书", "platform_certificate"], ["平台证书", "platform_certificate"], ["证书", "platform_certificate"], ["certificate", "platform_certificate"],
];

/** The first table entry whose word occurs in `compact`. */
export function findWord<Meaning>(compact: string, table: WordTable<Meaning>): { word: string; meaning: Meaning } | undefined {
  for (const [word, meaning] of table) {
    if (compact.includes(word)) return { word, meaning };
  }
  return undefined;
}

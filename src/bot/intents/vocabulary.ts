import type { Category, Level, Mode, Result, Role } from "../../credits/vocabulary.js";
import type { AssignmentKind, RequirementPart } from "./types.js";

/**
 * Words teachers use for the credit engine's and the domain's vocabulary. Each table is searched in
 * order and the first word found wins, so a longer or more specific word comes before the word it
 * contains (自治区级 before 区级, 不合格 before 合格, 活动反思 before 反思).
 */
type WordTable<Meaning> = readonly (readonly [word: string, meaning: Meaning])[];

export const MODE_WORDS: WordTable<Mode> = [
  ["集中培训", "centralized"], ["集中研修", "centralized"], ["集中", "centralized"], ["面授", "centralized"],
  ["线下", "centralized"], ["centralized", "centralized"], ["facetoface", "centralized"], ["face-to-face", "centralized"], ["inperson", "centralized"],
  ["网络", "online"], ["远程", "online"], ["线上", "online"], ["网上", "online"], ["网课", "online"], ["online", "online"],
  ["校本", "school_based"], ["schoolbased", "school_based"], ["school-based", "school_based"],
];

/**
 * 区级 alone is a city district, which ranks as a county; 自治区级 is a province-level region and must be
 * looked up first because it contains 区级.
 */
export const LEVEL_WORDS: WordTable<Level> = [
  ["国家级", "national"], ["国培", "national"], ["national", "national"],
  ["自治区级", "provincial"], ["省级", "provincial"], ["省培", "provincial"], ["省里", "provincial"], ["provincial", "provincial"],
  ["地市级", "prefecture"], ["州级", "prefecture"], ["市级", "prefecture"], ["地级", "prefecture"], ["市里", "prefecture"],
  ["prefecture", "prefecture"], ["city", "prefecture"],
  ["区县级", "county"], ["县级", "county"], ["区级", "county"], ["县里", "county"], ["县上", "county"], ["county", "county"],
  ["district", "county"],
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

/**
 * The parts of the requirement as teachers name them. 校本课程 (a category) comes before 校本 (the mode's
 * part), and the 2.0 programme goes by many names.
 */
export const PART_WORDS: WordTable<RequirementPart> = [
  ["信息技术应用能力提升工程", "it_application"], ["信息技术应用能力", "it_application"], ["应用能力提升", "it_application"], ["能力提升工程", "it_application"], ["提升工程", "it_application"],
  ["能力提升", "it_application"], ["informationtechnology", "it_application"], ["信息技术", "it_application"], ["信息化", "it_application"], ["融合", "it_application"], ["2.0", "it_application"],
  ["公需科目", "public_subject"], ["publicsubject", "public_subject"], ["公需课", "public_subject"], ["公需", "public_subject"],
  ["校本课程", "school_course"],
  ["集中培训", "centralized"], ["集中研修", "centralized"], ["集中", "centralized"], ["面授", "centralized"], ["线下", "centralized"],
  ["网络研修", "online"], ["网络培训", "online"], ["网络", "online"], ["远程", "online"], ["线上", "online"], ["网上", "online"], ["网课", "online"],
  ["online", "online"],
  ["校本研修", "school_based"], ["校本培训", "school_based"], ["校本", "school_based"], ["schoolbased", "school_based"],
  ["school-based", "school_based"], ["centralized", "centralized"], ["facetoface", "centralized"], ["face-to-face", "centralized"],
  ["必修", "required"], ["required", "required"], ["选修", "elective"], ["elective", "elective"],
];

export type Scope = "school" | "region";

/** Whose numbers an administrator asks about: her school, or the whole region (全区, 全县, 各校). */
export const SCOPE_WORDS: WordTable<Scope> = [
  ["全区", "region"], ["全县", "region"], ["全市", "region"], ["全州", "region"], ["全旗", "region"], ["区里", "region"],
  ["县里", "region"], ["各校", "region"], ["各学校", "region"], ["所有学校", "region"], ["全部学校", "region"], ["每个学校", "region"],
  ["region", "region"], ["district", "region"],
  ["我们学校", "school"], ["我们校", "school"], ["我校", "school"], ["本校", "school"], ["全校", "school"], ["学校", "school"],
  ["school", "school"],
];

/** Pupils' homework and exercise books ("学生作业交齐了", "作业本过期了") are not the teachers' assignments. */
export const PUPILS_WORK = /作业本|学生|孩子|娃|班级|寒假作业|暑假作业|练习册/;

/** The first table entry whose word occurs in `compact`. */
export function findWord<Meaning>(compact: string, table: WordTable<Meaning>): { word: string; meaning: Meaning } | undefined {
  for (const [word, meaning] of table) {
    if (compact.includes(word)) return { word, meaning };
  }
  return undefined;
}

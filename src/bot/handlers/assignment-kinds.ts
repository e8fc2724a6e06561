import type { AssignmentKind } from "../intents/index.js";

export const ASSIGNMENT_KIND_NAMES: Readonly<Record<AssignmentKind, string>> = {
  reflection: "心得体会",
  lesson_review: "评课",
  teaching_design: "教学设计",
  activity_reflection: "活动反思",
  platform_certificate: "平台学时证书",
};

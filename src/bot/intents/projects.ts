import { QuestionMatcher } from "./coverage.js";
import type { Matcher } from "./types.js";

/**
 * 报名 P2024-03 enrolls; 报名什么 / 最近有什么培训 lists the open projects. A project code is what
 * tells them apart, and an enroll message must still be only the command, because enrolling writes:
 * "我报名了P2024-03，什么时候开始" is not a request to enroll again.
 */

/** Letters then digits, dash-separated parts: "P2024-03". Not inside a word ("enrollp2024" is no code). */
const PROJECT_CODE = /(?<![a-z])[a-z]{1,4}\d{2,}(?:-\d+)*/;

const ENROLL = new QuestionMatcher({
  keywords: ["报名", "报个名", "enroll", "signup", "参加", "参训", "join", "register"],
  fillers: ["我要", "这个", "培训", "项目", "班", "帮我", "给我", "for", "in", "to", "me"],
});

const PROJECTS = new QuestionMatcher({
  keywords: ["培训", "项目", "研修", "课程", "报名", "讲座", "trainings", "training", "projects", "project", "courses", "course", "enroll"],
  fillers: [
    "最近", "近期", "最新", "新", "本月", "这个月", "下个月", "这周", "本周", "下周", "可报", "可", "报", "参加", "开放",
    "开始", "还有", "有啥", "在", "班", "安排", "计划", "哪个",
    "available", "open", "upcoming", "new", "any", "there", "can", "join", "for", "to", "i",
  ],
});

export const matchEnroll: Matcher = (message) => {
  const code = PROJECT_CODE.exec(message.text)?.[0];
  if (code === undefined || !ENROLL.matches(message.compact.replace(code, ""))) return undefined;
  return { kind: "enroll", projectCode: code.toUpperCase() };
};

export const matchProjects: Matcher = (message) => (PROJECTS.matches(message.compact) ? { kind: "projects" } : undefined);

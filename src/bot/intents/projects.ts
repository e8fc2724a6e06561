import { QuestionMatcher } from "./coverage.js";
import type { Matcher } from "./types.js";

/**
 * 报名 P2024-03 enrolls; 报名什么 / 最近有什么培训 lists the open projects. A project code is what
 * tells them apart, and an enroll message must still be only the command, because enrolling writes:
 * "我报名了P2024-03，什么时候开始" is not a request to enroll again.
 */

const ENROLL = new QuestionMatcher({
  keywords: ["报名", "报个名", "报一下", "报", "enroll", "signup", "sign me up", "signmeup", "参加", "参训", "join", "register"],
  fillers: ["我要", "我想", "这个", "培训", "项目", "班", "帮我", "给我", "一下", "for", "in", "to", "me", "up", "i'd", "id", "i", "like", "would", "want", "wanna"],
});

const PROJECTS = new QuestionMatcher({
  keywords: ["培训", "项目", "研修", "课程", "报名", "讲座", "名额", "trainings", "training", "projects", "project", "courses", "course", "enroll"],
  fillers: [
    "最近", "近期", "最新", "新", "本月", "这个月", "下个月", "这周", "本周", "下周", "可报", "可", "报", "参加", "开放",
    "开始", "还有", "有啥", "今年", "明年", "推荐", "推荐的", "想报", "报个", "想", "多修点", "多修", "多学点", "点", "学分", "学时", "不", "在", "班", "安排", "计划", "哪个", "可以报", "能报", "暑假", "寒假", "假期", "能加学分", "加学分",
    "集中", "网络", "线上", "线下", "远程", "校本", "国培", "省培", "省级", "市级", "县级", "区级", "国家级",
    "available", "open", "upcoming", "new", "any", "there", "can", "join", "for", "to", "i", "sign", "up", "signup",
  ],
});

export const matchEnroll: Matcher = (message, slots) => {
  // The code is found in the spaced text ("enroll p2024-03"); in `compact` it runs into the verb.
  if (slots.projectCode === undefined || !ENROLL.matches(message.compact.replace(slots.projectCode.toLowerCase(), ""))) return undefined;
  return { kind: "enroll", projectCode: slots.projectCode };
};

export const matchProjects: Matcher = (message) => (PROJECTS.matches(message.compact) ? { kind: "projects" } : undefined);

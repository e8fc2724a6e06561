import { QuestionMatcher } from "./coverage.js";
import type { Matcher } from "./types.js";

/** 发送情况 / 提醒情况 / 任务状态 / 定时任务 / 通知发送情况: how the outbox and the scheduled reminders are doing. */
const JOBS = new QuestionMatcher({
  keywords: ["发送情况", "发送状态", "推送情况", "提醒情况", "任务状态", "定时任务", "后台任务", "jobs"],
  fillers: ["通知", "消息", "提醒", "本周", "这周", "最近", "近期", "运行", "执行", "scheduled", "delivery", "deliveries", "status"],
});

/** Asking about one's own (我的任务状态) means one's assignments, which the tasks matcher answers. */
const FIRST_PERSON = /我|my/;

export const matchJobs: Matcher = (message) =>
  JOBS.matches(message.compact) && !FIRST_PERSON.test(message.compact) ? { kind: "jobs" } : undefined;

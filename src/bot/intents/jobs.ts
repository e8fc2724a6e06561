import { QuestionMatcher } from "./coverage.js";
import type { Matcher } from "./types.js";

/** 发送情况 / 提醒情况 / 任务状态 / 定时任务 / 通知发送情况: how the outbox and the scheduled reminders are doing. */
const JOBS = new QuestionMatcher({
  keywords: [
    "发送情况", "发送状态", "发送记录", "推送情况", "推送记录", "提醒情况", "任务状态", "定时任务", "定时提醒", "后台任务", "发出去", "送达",
    "发出了", "jobs", "job", "delivery", "deliveries", "outbox", "reminderstatus", "noticestatus", "sendstatus",
  ],
  fillers: [
    "通知", "消息", "提醒", "催交", "本周", "这周", "最近", "近期", "运行", "执行", "都", "正常", "了", "没", "吗", "的",
    "scheduled", "status", "reminder", "reminders", "notice", "notices", "sent", "did", "go", "out", "went",
  ],
});

/** Whether something the bot sends went out: 通知都发到了吗, 周五的催交提醒发了吗, did the notice go out. */
const SENT_QUESTION =
  /(?:通知|提醒|催交|消息|推送|定时任务|后台任务|任务)(?:.{0,8})(?:(?:发送|推送|发|送)(?:成功|失败)|发到了|发出去|发出|发了(?:没|吗|$)|送达|送到了|(?:发送|推送)(?:结果|状态|情况|记录|正常)|(?:都)?正常(?:吗|不|没|$)|状态|运行|失败|没发出|没送达)|发送失败|发失败|推送失败|(?:notice|reminder|message)s?.{0,10}(?:sent|goout|wentout|delivered)|did.{0,20}goout/;

/** Asking about one's own (我的任务状态) means one's assignments, which the tasks matcher answers. */
const FIRST_PERSON = /我|my/;

export const matchJobs: Matcher = (message) =>
  (JOBS.matches(message.compact) || SENT_QUESTION.test(message.compact)) && !FIRST_PERSON.test(message.compact) ? { kind: "jobs" } : undefined;

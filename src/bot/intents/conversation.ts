import { QuestionMatcher } from "./coverage.js";
import type { Matcher } from "./types.js";

/**
 * Replies inside a conversation (确认 a drafted notice, 取消 it, 更多 for the next page) are whole
 * messages, never words inside a sentence: "好的" and "收到" are group chatter, not a confirmation.
 */

const CONFIRMATIONS = new Set(["确认", "确定", "发送", "确认发送", "确定发送", "确认发", "发", "好的发送", "可以发", "confirm", "send", "yes"]);
const CANCELLATIONS = new Set(["取消", "算了", "不发了", "不发", "先不发", "别发了", "不用了", "不要了", "取消发送", "cancel", "no"]);
const NEXT_PAGE = new Set(["更多", "下一页", "下页", "后面的", "还有", "继续", "more", "next", "nextpage"]);

const HELP = new QuestionMatcher({
  keywords: [
    "帮助", "菜单", "功能", "指令", "命令", "用法", "说明", "怎么用", "能做什么", "会做什么", "会什么", "能干什么",
    "能干啥", "能干", "可以做什么", "你是谁", "help", "menu", "commands", "command", "usage",
  ],
  fillers: ["你能", "你会", "你可以", "你", "都", "使用", "操作", "机器人", "小助手", "助手", "这个", "怎么", "介绍", "whatcanyoudo", "can", "you"],
});

/** Only question marks, or nothing at all (a bare "@继教学分助手"), is a call for the menu. */
const BARE_CALL = /^[?？\s]*$/u;

export const matchConfirm: Matcher = (message) => (CONFIRMATIONS.has(message.compact) ? { kind: "confirm" } : undefined);

export const matchCancel: Matcher = (message) => (CANCELLATIONS.has(message.compact) ? { kind: "cancel" } : undefined);

export const matchMore: Matcher = (message) => (NEXT_PAGE.has(message.compact) ? { kind: "more" } : undefined);

export const matchHelp: Matcher = (message) =>
  BARE_CALL.test(message.content) || HELP.matches(message.compact) ? { kind: "help" } : undefined;

import { QuestionMatcher } from "./coverage.js";
import type { Matcher } from "./types.js";

/**
 * Replies inside a conversation (确认 a drafted notice, 取消 it, 更多 for the next page) are whole
 * messages, never words inside a sentence: "好的" and "收到" are group chatter, not a confirmation.
 */

/** 确认 / 可以发了 / 对，确认 / yes send it / 确认撤回: an explicit go-ahead, nothing else. */
const CONFIRM = new QuestionMatcher({
  keywords: ["确认", "确定", "发送", "发", "confirm", "send", "yes", "go ahead", "goahead"],
  fillers: [
    "对", "是的", "是", "好的", "好", "行", "嗯", "可以", "就这样", "没问题", "没错", "无误", "就", "这个", "这条", "出去", "出", "吧", "了",
    "撤回", "退回", "改判", "通过", "it", "ok", "please", "now", "the", "notice", "and",
  ],
  reply: true,
});

/** 取消 / 算了 / 不要发 / 这条不发了 / 不撤了: the waiting draft or withdrawal is dropped. */
const CANCEL = new QuestionMatcher({
  keywords: ["取消", "算了", "不发", "不要发", "别发", "先别发", "不用发", "不撤", "不撤回", "别撤", "不用", "不要了", "cancel", "no", "don't", "dont", "never mind", "nevermind"],
  fillers: ["先", "暂时", "等等", "等一下", "这条", "这个", "通知", "了", "吧", "掉", "发送", "撤回", "还是", "send", "it", "that", "please"],
  reply: true,
});

/** 更多 / 下一页 / 再看看后面的 / 还有没有了 / 接着往下看: the next page. */
const NEXT_PAGE = new QuestionMatcher({
  keywords: ["更多", "下一页", "下页", "后面的", "后面", "往下", "往下翻", "翻页", "剩下", "别的", "其他", "还有", "继续", "接着", "more", "next", "nextpage"],
  fillers: ["再", "看看", "看", "名单", "列表", "的", "了", "没有", "吗", "呢", "一页", "几个", "发", "继续发", "还有", "page", "show", "please"],
  reply: true,
});

const HELP = new QuestionMatcher({
  keywords: [
    "帮助", "菜单", "功能", "指令", "命令", "用法", "说明", "怎么用", "能做什么", "会做什么", "会什么", "能干什么",
    "能干啥", "能干", "可以做什么", "问你什么", "问什么", "不会用", "教教我", "怎么问", "干嘛", "会干", "怎么使用", "如何使用", "使用方法", "使用指南", "使用手册", "有什么用", "有啥用", "指南", "本事", "本领", "教我用", "教我", "能用什么", "用什么指令", "可以干什么", "可以干嘛", "可以查什么", "教程", "怎么跟你", "不知道怎么用", "whatdoyoudo", "会些什么", "能干些什么", "查什么", "怎么玩", "帮我做什么", "帮我干什么", "能帮我", "能帮什么",
    "可以帮我", "问你", "可以问", "能问", "whatcanyoudo", "whatcan", "whatcaniask", "howdoiuse", "howtouse", "howdoesthiswork", "howdoesitwork", "help", "menu", "commands",
    "command", "usage", "能做哪些", "做哪些事", "帮我干",
  ],
  fillers: [
    "第一次", "说话", "让", "帮我", "事情", "你能", "你会", "你可以", "你", "都", "使用", "操作", "机器人", "小助手", "助手", "这个", "怎么", "介绍", "问题", "我能", "我可以",
    "在哪", "在哪里", "哪里", "审核员", "管理员", "老师", "用", "能用", "有哪些", "哪些", "新来的", "不知道", "对话", "聊天", "跟你", "跟", "做", "干", "些", "can", "you", "ask", "bot", "this", "use", "i", "do", "does",
  ],
});

/** Only question marks, or nothing at all (a bare "@继教学分助手"), is a call for the menu. */
const BARE_CALL = /^[?？\s]*$/u;

/** A negation turns a go-ahead into its opposite (不发, 别确认), so cancelling is tried first. */
/** A go-ahead is no question: "发出去了吗" asks whether something went out. */
const ASKS = /[吗么没?][^\p{L}\p{N}]*$/u;

export const matchConfirm: Matcher = (message) =>
  CONFIRM.matches(message.compact) && !ASKS.test(message.content) ? { kind: "confirm" } : undefined;

export const matchCancel: Matcher = (message) => (CANCEL.matches(message.compact) ? { kind: "cancel" } : undefined);

export const matchMore: Matcher = (message) => (NEXT_PAGE.matches(message.compact) ? { kind: "more" } : undefined);

export const matchHelp: Matcher = (message) =>
  BARE_CALL.test(message.content) || HELP.matches(message.compact) ? { kind: "help" } : undefined;

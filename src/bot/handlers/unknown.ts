import type { Reply } from "../../channels/types.js";
import type { Conversation } from "../context.js";
import type { Intent, IntentKind } from "../intents/index.js";

/** What to type for each suggestion, as a teacher would. */
const EXAMPLES: Partial<Record<IntentKind, string>> = {
  balance: "我还差多少学分",
  details: "学分明细",
  why: "怎么算的",
  what_if: "如果再参加40学时集中培训呢",
  tasks: "我的作业",
  submit: "交作业 1 https://…",
  projects: "最近有什么培训",
  enroll: "报名 P2026-02",
  bind: "绑定 工号 T0001",
  help: "帮助",
  notice: "发通知 全校 …",
  remind: "催交 1",
  stats: "统计 1",
  review: "审核 15 通过 18",
  jobs: "发送情况",
};

/** A short "didn't get that" with the three likeliest commands. */
export async function unknownHandler(conversation: Conversation, intent: Extract<Intent, { kind: "unknown" }>): Promise<Reply[]> {
  const examples = intent.suggestions.map((kind) => EXAMPLES[kind]).filter((example): example is string => example !== undefined);
  return [conversation.say("unknown", { examples })];
}

import { normalise, type NormalisedText } from "./normalise.js";
import type { IntentKind } from "./types.js";

/**
 * For a message nothing recognised, the three commands it most resembles: character-bigram overlap (Dice
 * coefficient) with each command's canonical phrasings. "收到学分证书了" shares 学分 with 我的学分, so
 * balance comes first. Ties, and messages that resemble nothing ("👍"), fall back to how often teachers
 * need each command.
 */

/** Commands worth offering; 确认 / 取消 / 更多 only make sense as replies inside a conversation. */
type SuggestedKind = Exclude<IntentKind, "unknown" | "confirm" | "cancel" | "more">;

const SUGGESTION_COUNT = 3;

/** Most needed first: this order breaks ties. */
const CANONICAL_PHRASINGS: readonly (readonly [SuggestedKind, readonly string[]])[] = [
  ["balance", ["学分", "我的学分", "查学分", "我有多少学分", "还差多少学分", "学时够了吗", "今年学时", "how many credits do I have"]],
  ["tasks", ["我的作业", "待办", "有什么要交的", "作业", "my tasks"]],
  ["help", ["帮助", "菜单", "你能做什么", "help"]],
  ["projects", ["最近有什么培训", "培训", "有啥培训", "报名什么", "trainings"]],
  ["details", ["学分明细", "我的记录", "2024年的记录", "my records"]],
  ["submit", ["提交心得", "交作业", "提交评课", "交教学设计", "submit"]],
  ["why", ["为什么是54分", "怎么算的", "why"]],
  ["what_if", ["如果再参加一次省级集中培训40学时呢", "要是再学20学时网络培训", "what if I take 40 hours of online training"]],
  ["enroll", ["报名 P2024-03", "我要报名", "enroll"]],
  ["bind", ["绑定 工号", "绑定", "bind"]],
  ["notice", ["发通知 本群", "发通知 全校", "发通知"]],
  ["remind", ["催交", "催一下作业"]],
  ["stats", ["统计", "谁没交作业"]],
  ["review", ["审核 通过", "审核 退回", "审核"]],
  ["jobs", ["发送情况", "提醒情况", "定时任务"]],
];

/** Character bigrams; a single character stands for itself so a one-character message can still match. */
function bigrams(text: string): Set<string> {
  const chars = [...text];
  if (chars.length === 1) return new Set(chars);
  const pairs = new Set<string>();
  for (let index = 1; index < chars.length; index += 1) pairs.add(`${chars[index - 1] ?? ""}${chars[index] ?? ""}`);
  return pairs;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const pair of b) if (a.has(pair)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

const PHRASING_BIGRAMS = CANONICAL_PHRASINGS.map(
  ([kind, phrasings]) => [kind, phrasings.map((phrasing) => bigrams(normalise(phrasing).compact))] as const,
);

export function suggestIntents(message: NormalisedText): IntentKind[] {
  const typed = bigrams(message.compact);
  return PHRASING_BIGRAMS.map(([kind, phrasings], popularity) => ({
    kind,
    popularity,
    similarity: Math.max(...phrasings.map((phrasing) => dice(typed, phrasing))),
  }))
    .sort((a, b) => b.similarity - a.similarity || a.popularity - b.popularity)
    .slice(0, SUGGESTION_COUNT)
    .map(({ kind }) => kind);
}

import type { Role } from "../../generated/prisma/client.js";
import { choicesOf, clausesOf, SimilarityRanker, slotsOf, understand, type Intent, type IntentKind } from "../intents/index.js";
import type { NormalisedText } from "../intents/normalise.js";
import type { Slots } from "../intents/slots.js";
import type { Matcher } from "../intents/types.js";
import { assignment } from "./assignment.js";
import { balance } from "./balance.js";
import { bind } from "./bind.js";
import { cancel } from "./cancel.js";
import { compliance } from "./compliance.js";
import { mayUse, type Command } from "./command.js";
import { confirm } from "./confirm.js";
import { contact } from "./contact.js";
import { details } from "./details.js";
import { enroll } from "./enroll.js";
import { help } from "./help.js";
import { jobs } from "./jobs.js";
import { more } from "./more.js";
import { notice } from "./notice.js";
import { policy } from "./policy.js";
import { projects } from "./projects.js";
import { registerGroup } from "./register-group.js";
import { remind } from "./remind.js";
import { review } from "./review.js";
import { reviewQueue } from "./review-queue.js";
import { smallTalk } from "./small-talk.js";
import { stats } from "./stats.js";
import { submit } from "./submit.js";
import { tasks } from "./tasks.js";
import { unregisterGroup } from "./unregister-group.js";
import { whatIf } from "./what-if.js";
import { why } from "./why.js";
import { withdraw } from "./withdraw.js";

type CommandTable = { readonly [K in Exclude<IntentKind, "unknown">]: Command<K> };

/**
 * Every command, in the order the help menu lists them: what people need most first (the matchers' order
 * is PRECEDENCE below).
 */
export const COMMANDS: CommandTable = {
  balance, details, why, policy, what_if: whatIf, tasks, assignment, submit, withdraw, projects, enroll,
  notice, remind, stats, compliance, jobs, register_group: registerGroup, unregister_group: unregisterGroup,
  review_queue: reviewQueue, review,
  bind, confirm, cancel, more, small_talk: smallTalk, contact, help,
};

/**
 * The order matchers are tried in: the first that recognises a message wins, so this is the precedence.
 * 1. commands that start with their verb and carry free text (发通知 … 学分 is a notice), and 登记本群 (before
 *    取消, so 取消登记本群 is not taken for cancelling a draft);
 * 2. whole-message replies (取消 before 确认, since 不发 contains 发; 更多) and small talk (收到, 谢谢, 你是谁);
 * 3. commands with an argument: bind, withdraw (before submit: "撤回作业2的链接"), submit (a link and a
 *    submit verb), what-if (before enroll and policy: "如果报名P2024-03呢" does not enroll, "如果考核优秀呢"
 *    is a what-if), enroll (a project code);
 * 4. the admins' and reviewers' questions (待审核, 多少人没达标, 发送情况 — jobs before tasks, since 任务状态
 *    is the scheduled jobs), one assignment (心得为什么没通过, before the rule about failing and before why),
 *    the rules (几个学时算一学分 and 漏掉的学分能补录吗, before the balance whose words they share and before
 *    what only a person can fix), then that (学分不对, before any credit question);
 * 5. the teacher's questions, most specific first: why, details, balance, tasks, projects, help.
 */
const PRECEDENCE: readonly Exclude<IntentKind, "unknown" | "unregister_group">[] = [
  "notice", "review", "remind", "stats", "register_group",
  "cancel", "confirm", "more", "small_talk",
  "bind", "withdraw", "submit", "what_if", "enroll",
  "review_queue", "compliance", "jobs", "assignment", "policy", "contact",
  "why", "details", "balance", "tasks", "projects", "help",
];

type AnyCommand = Command<Intent["kind"]>;

const ALL_COMMANDS: readonly AnyCommand[] = Object.values(COMMANDS) as AnyCommand[];

const MATCHERS_IN_PRECEDENCE: readonly Matcher[] = PRECEDENCE.flatMap((kind) => commandFor(kind)?.match ?? []);

/** The command that answers an intent; undefined for the fallback. */
export function commandFor(kind: IntentKind): AnyCommand | undefined {
  return kind in COMMANDS ? (COMMANDS[kind as keyof CommandTable] as AnyCommand) : undefined;
}

/** Commands offered to a person, in the table's order; undefined roles: not bound yet. */
export function commandsFor(roles: readonly Role[] | undefined): AnyCommand[] {
  return ALL_COMMANDS.filter((definition) => (roles === undefined ? definition.handleUnbound !== undefined : mayUse(roles, definition)));
}

/** How often people need each command, most first: it breaks ties between equally likely suggestions. */
export const MOST_NEEDED_FIRST: readonly IntentKind[] = [
  "balance", "tasks", "help", "projects", "details", "submit", "why", "what_if", "policy", "enroll", "bind",
  "notice", "remind", "stats", "compliance", "review_queue", "review", "jobs", "register_group",
];

const SUGGESTIONS = new SimilarityRanker(
  MOST_NEEDED_FIRST.flatMap((kind) => {
    const examples = commandFor(kind)?.examples ?? [];
    return examples.length > 0 ? [[kind, examples] as const] : [];
  }),
);

/**
 * What a clause of a longer message may be taken for: questions only. A command inside a sentence
 * ("我报名了P2024-03，什么时候开始") is a report, not a request, and "hi" before a question is no small talk.
 */
const CLAUSE_KINDS: ReadonlySet<IntentKind> = new Set([
  "balance", "details", "why", "what_if", "tasks", "projects", "help", "policy", "assignment", "contact", "compliance",
  "review_queue", "stats", "jobs",
]);

function firstMatch(message: NormalisedText, slots: Slots): Intent | undefined {
  for (const match of MATCHERS_IN_PRECEDENCE) {
    const intent = match(message, slots);
    if (intent !== undefined) return intent;
  }
  return undefined;
}

/**
 * What the sender asks for: the message understood (normalised, politeness dropped, corrected, slots
 * found), then the first matcher that recognises it, or else the first question one of its clauses asks.
 * A message none recognises carries every command ranked by likeness, and the two likeliest as choices
 * when both are plausible.
 */
export function parseIntent(text: string): Intent {
  const { message, slots } = understand(text);
  const whole = firstMatch(message, slots);
  if (whole !== undefined) return whole;
  for (const clause of clausesOf(message)) {
    // "今年上了两次培训，学时应该够了吧": the year one clause names is the time the next one speaks of.
    const clauseSlots: Slots = { ...slotsOf(clause), ...(slots.thisYear && { thisYear: true }) };
    const intent = firstMatch(clause, clauseSlots);
    if (intent !== undefined && CLAUSE_KINDS.has(intent.kind)) return intent;
  }
  const ranked = SUGGESTIONS.rank(message);
  const choices = choicesOf(ranked);
  const suggestions = ranked.map(({ kind }) => kind);
  return choices === undefined ? { kind: "unknown", suggestions } : { kind: "unknown", suggestions, choices };
}

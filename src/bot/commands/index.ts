import type { Role } from "../../generated/prisma/client.js";
import type { Intent, IntentKind } from "../intents/index.js";
import { normalise } from "../intents/normalise.js";
import { SimilarityRanker } from "../intents/suggestions.js";
import { balance } from "./balance.js";
import { bind } from "./bind.js";
import { cancel } from "./cancel.js";
import { compliance } from "./compliance.js";
import { mayUse, type Command } from "./command.js";
import { confirm } from "./confirm.js";
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
import { stats } from "./stats.js";
import { submit } from "./submit.js";
import { tasks } from "./tasks.js";
import { unregisterGroup } from "./unregister-group.js";
import { whatIf } from "./what-if.js";
import { why } from "./why.js";

/** Kinds being built whose commands have not joined the registry yet; they are answered as not understood. */
type PendingKind = "assignment" | "withdraw" | "small_talk" | "contact";

type CommandTable = { readonly [K in Exclude<IntentKind, "unknown" | PendingKind>]: Command<K> };

/**
 * Every command, in the order their matchers are tried, so the order is the precedence:
 * 1. commands that start with their verb and carry free text (发通知 … 学分 is a notice), and 登记本群 (before
 *    取消, so 取消登记本群 is not taken for cancelling a draft);
 * 2. whole-message replies (确认 and acknowledgements such as 好的, 取消, 更多);
 * 3. commands with an argument: bind, submit (a link and a submit verb), what-if (before enroll, so
 *    "如果报名P2024-03呢" does not enroll), enroll (a project code);
 * 4. questions, most specific first: an administrator's 达标率 and a reviewer's queue (before balance, so
 *    全区还有多少人没达标 is not a teacher's own balance), jobs (before tasks, since 任务状态 is the admin's
 *    scheduled jobs), rules (before details, so 2025年的学时还能补吗 is not taken for that year's records),
 *    why, details, balance (one part of it before the whole), tasks, projects, help.
 */
export const COMMANDS: CommandTable = {
  notice, review, remind, stats, register_group: registerGroup, unregister_group: unregisterGroup,
  confirm, cancel, more,
  bind, submit, what_if: whatIf, enroll,
  compliance, review_queue: reviewQueue, jobs, policy, why, details, balance, tasks, projects, help,
};

type AnyCommand = Command<Intent["kind"]>;

const IN_PRECEDENCE: readonly AnyCommand[] = Object.values(COMMANDS) as AnyCommand[];

/** The command that answers an intent; undefined for the fallback and for kinds still being built. */
export function commandFor(kind: IntentKind): AnyCommand | undefined {
  return kind in COMMANDS ? (COMMANDS[kind as keyof CommandTable] as AnyCommand) : undefined;
}

/** Commands offered to a person, in precedence order; undefined roles: not bound yet. */
export function commandsFor(roles: readonly Role[] | undefined): AnyCommand[] {
  return IN_PRECEDENCE.filter((definition) => (roles === undefined ? definition.handleUnbound !== undefined : mayUse(roles, definition)));
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

/** What the sender asks for; a message no command recognises carries every command ranked by likeness. */
export function parseIntent(text: string): Intent {
  const message = normalise(text);
  for (const definition of IN_PRECEDENCE) {
    const intent = definition.match?.(message);
    if (intent !== undefined) return intent;
  }
  return { kind: "unknown", suggestions: SUGGESTIONS.rank(message) };
}

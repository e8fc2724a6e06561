import { matchNotice, matchRegisterGroup, matchRemind, matchReview, matchStats } from "./admin-commands.js";
import { matchBind } from "./bind.js";
import { matchCancel, matchConfirm, matchHelp, matchMore } from "./conversation.js";
import { matchBalance, matchDetails, matchWhy } from "./credit-questions.js";
import { matchJobs } from "./jobs.js";
import { normalise } from "./normalise.js";
import { matchEnroll, matchProjects } from "./projects.js";
import { matchSubmit } from "./submit.js";
import { suggestIntents } from "./suggestions.js";
import { matchTasks } from "./tasks.js";
import type { Intent, Matcher } from "./types.js";
import { matchWhatIf } from "./what-if.js";

/**
 * The first matcher that recognises the message wins, so the order is the precedence:
 * 1. commands that start with their verb and carry free text (发通知 … 学分 is a notice), and 登记本群 (before
 *    取消, so 取消登记本群 is not taken for cancelling a draft);
 * 2. whole-message replies (确认, 取消, 更多);
 * 3. commands with an argument: bind, submit (a link and a submit verb), what-if (before enroll, so
 *    "如果报名P2024-03呢" does not enroll), enroll (a project code);
 * 4. questions, most specific first: jobs (before tasks, since 任务状态 is the admin's scheduled jobs), why,
 *    details, balance, tasks, projects, help.
 */
const MATCHERS_BY_PRECEDENCE: readonly Matcher[] = [
  matchNotice, matchReview, matchRemind, matchStats, matchRegisterGroup,
  matchConfirm, matchCancel, matchMore,
  matchBind, matchSubmit, matchWhatIf, matchEnroll,
  matchJobs, matchWhy, matchDetails, matchBalance, matchTasks, matchProjects, matchHelp,
];

export function parseIntent(text: string): Intent {
  const message = normalise(text);
  for (const match of MATCHERS_BY_PRECEDENCE) {
    const intent = match(message);
    if (intent !== undefined) return intent;
  }
  return { kind: "unknown", suggestions: suggestIntents(message) };
}

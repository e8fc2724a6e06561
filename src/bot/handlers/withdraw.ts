import type { Reply } from "../../channels/types.js";
import { openAssignmentsFor, type AssignedWork } from "../../domain/assignments.js";
import { fromDbDate } from "../../domain/calendar.js";
import { withdrawSubmission } from "../../domain/submissions.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { preview } from "./confirmation.js";
import { assignmentsMeant } from "./assignment-choice.js";
import { dayAndTime, shortDate } from "./short-date.js";

type WithdrawIntent = Extract<Intent, { kind: "withdraw" }>;

/** What the preview showed, kept with the pending action, so 确认 withdraws exactly that. */
export type PendingWithdrawal = { submissionId: string; link: string; title: string; submissionNumber: number };

function submitted(item: AssignedWork): boolean {
  return item.submission?.status === "submitted";
}

/**
 * 撤回 [N]: shows what would be withdrawn and waits for 确认 (pending-action.ts). Only work no reviewer has
 * looked at can be withdrawn; for anything else the teacher hears why not and what to do instead.
 */
export async function withdrawHandler(conversation: TeacherConversation, intent: WithdrawIntent): Promise<Reply[]> {
  const { deps, today } = conversation;
  const open = await openAssignmentsFor(deps.prisma, conversation.teacher, today);
  const named = intent.assignmentNumber !== undefined;
  const meant = assignmentsMeant(open, named ? open : open.filter(submitted), intent);
  const line = (item: AssignedWork) => ({ number: open.indexOf(item) + 1, title: item.assignment.title, link: item.submission?.link, status: item.submission?.status ?? "missing" });
  if (meant.length === 0) return [conversation.say("withdraw-nothing", { anyOpen: open.length > 0 })];
  if (meant.length > 1) return [conversation.say("withdraw-which", { items: meant.map(line) })];
  const chosen = meant[0]!;
  if (!chosen.submission || !submitted(chosen)) return [conversation.say("withdraw-not-pending", line(chosen))];
  const payload: PendingWithdrawal = {
    submissionId: chosen.submission.id,
    link: chosen.submission.link,
    title: chosen.assignment.title,
    submissionNumber: chosen.submission.number,
  };
  return preview(conversation, { action: "withdraw", summary: payload.title, payload }, "withdraw-preview", {
    ...payload,
    number: open.indexOf(chosen) + 1,
    submittedAt: dayAndTime(chosen.submission.submittedAt, conversation.region.timezone),
    due: shortDate(fromDbDate(chosen.assignment.dueOn)),
  });
}

/** 确认 of a waiting withdrawal: withdraws what the preview showed, unless the link changed since. */
export async function withdrawConfirmed(conversation: TeacherConversation, pending: PendingWithdrawal): Promise<Reply[]> {
  const { deps, actor, today } = conversation;
  const withdrawn = await withdrawSubmission(deps.prisma, { actor, submissionId: pending.submissionId, link: pending.link });
  const open = await openAssignmentsFor(deps.prisma, conversation.teacher, today);
  const number = open.findIndex((item) => item.assignment.id === withdrawn.assignmentId) + 1;
  return [conversation.say("withdraw-done", { ...pending, number, due: shortDate(fromDbDate(withdrawn.assignment.dueOn)) })];
}

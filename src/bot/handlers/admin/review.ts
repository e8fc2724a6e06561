import type { Reply } from "../../../channels/types.js";
import { audit } from "../../../domain/audit.js";
import { requireValidVerdict, reviewSubmission } from "../../../domain/reviews.js";
import type { Assignment, Submission, Teacher, TrainingProject } from "../../../generated/prisma/client.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { enqueueDeliveries } from "../../../domain/outbox.js";
import { directPlatformsOf } from "../../../jobs/reminders/direct-accounts.js";
import { preview } from "../confirmation.js";
import { dayAndTimeFrom } from "../short-date.js";
import { mentionableAccounts } from "./mentionable-accounts.js";

type ReviewIntent = Extract<Intent, { kind: "review" }>;

/** The largest value of the database's integer column; a longer number cannot be a submission's. */
const LARGEST_NUMBER = 2_147_483_647;

/** "S15" or "15" → 15; undefined when it cannot be a submission number. */
function submissionNumberOf(ref: string): number | undefined {
  const digits = /^s?(\d{1,10})$/i.exec(ref.trim())?.[1];
  const number = digits === undefined ? Number.NaN : Number(digits);
  return Number.isInteger(number) && number > 0 && number <= LARGEST_NUMBER ? number : undefined;
}

type ReviewedSubmission = Submission & { teacher: Teacher; reviewer: Teacher | null; assignment: Assignment & { project: TrainingProject } };

/** A verdict that overturns someone else's, shown and waiting for 确认. */
export type OverturnRequest = {
  submissionId: string;
  decision: "approved" | "rejected";
  score?: number;
  reason: string;
  /** When the decision being overturned was made; a newer one in the meantime needs a fresh look. */
  reviewedAt: string;
};

const withPeople = { teacher: true, reviewer: true, assignment: { include: { project: true } } } as const;

/**
 * 审核 15 通过 18 / 审核 15 退回 原因: a reviewer's verdict on a submission by the short number teachers got
 * when they handed it in. Work someone else already decided on is not silently overturned: the earlier
 * decision (who, when, what) is shown and the new one waits for 确认.
 */
export async function reviewHandler(conversation: TeacherConversation, intent: ReviewIntent): Promise<Reply[]> {
  const { actor, deps, teacher, region, today } = conversation;
  const number = submissionNumberOf(intent.submissionRef);
  const submission = number === undefined ? null : await deps.prisma.submission.findUnique({ where: { number }, include: withPeople });
  if (!submission || submission.assignment.project.regionId !== actor.regionId) {
    return [conversation.say("admin-review-not-found", { ref: intent.submissionRef })];
  }
  const reason = intent.decision === "rejected" ? intent.reason.trim() : "";
  if (intent.decision === "rejected" && reason === "") return [conversation.say("admin-review-need-reason", { number })];
  if (intent.decision === "approved" && intent.score === undefined) {
    return [conversation.say("admin-review-need-score", { number, max: submission.assignment.maxScore })];
  }
  const verdict = { decision: intent.decision, ...(intent.decision === "approved" ? { score: intent.score } : {}), reason };
  const earlier = submission.status === "submitted" ? null : submission.reviewer;
  if (earlier === null || earlier.id === teacher.id || submission.reviewedAt === null) return applyReview(conversation, submission, verdict);
  requireValidVerdict(submission.assignment.maxScore, { ...verdict, comment: reason });
  const request: OverturnRequest = { submissionId: submission.id, ...verdict, reviewedAt: submission.reviewedAt.toISOString() };
  return preview(conversation, { action: "review", summary: String(submission.number), payload: request }, "admin-review-overturn", {
    number: submission.number,
    name: submission.teacher.name,
    title: submission.assignment.title,
    maxScore: submission.assignment.maxScore,
    earlier: {
      by: earlier.name,
      when: dayAndTimeFrom(today, submission.reviewedAt, region.timezone),
      approved: submission.status === "approved",
      score: submission.score,
      // Why work was sent back stays out of groups.
      reason: conversation.message.chatType === "direct" ? submission.comment : null,
    },
    ...verdict,
  });
}

/** 确认 of an overturning verdict: applied unless the submission was decided on again meanwhile. */
export async function overturnReview(conversation: TeacherConversation, request: OverturnRequest): Promise<Reply[]> {
  const { actor, deps } = conversation;
  const submission = await deps.prisma.submission.findUnique({ where: { id: request.submissionId }, include: withPeople });
  if (!submission || submission.assignment.project.regionId !== actor.regionId) {
    return [conversation.say("admin-review-not-found", { ref: request.submissionId })];
  }
  if (submission.reviewedAt?.toISOString() !== request.reviewedAt) return [conversation.say("admin-review-changed", { number: submission.number })];
  return applyReview(conversation, submission, request);
}

/**
 * Records the verdict, audited. The teacher is @-mentioned in a group where they are bound; the reason for
 * sending work back goes to the teacher directly, never to the group.
 */
async function applyReview(
  conversation: TeacherConversation,
  submission: ReviewedSubmission,
  verdict: { decision: "approved" | "rejected"; score?: number; reason: string },
): Promise<Reply[]> {
  const { actor, deps, teacher } = conversation;
  const { reason } = verdict;
  const reviewed = await reviewSubmission(deps.prisma, {
    reviewerId: teacher.id,
    submissionId: submission.id,
    decision: verdict.decision,
    ...(verdict.decision === "approved" ? { score: verdict.score } : { comment: reason }),
    now: deps.now(),
  });
  await audit(deps.prisma, actor, "review", "submission", reviewed.id, {
    decision: reviewed.status,
    ...(reviewed.score === null ? {} : { score: reviewed.score }),
    ...(reviewed.comment === null ? {} : { comment: reviewed.comment }),
    ...(submission.reviewerId !== null && submission.reviewerId !== teacher.id ? { overturned: submission.status } : {}),
    via: "chat",
  });
  const accounts = await mentionableAccounts(conversation, [submission.teacherId]);
  const details = {
    number: submission.number,
    name: submission.teacher.name,
    title: submission.assignment.title,
    score: reviewed.score,
    maxScore: submission.assignment.maxScore,
    reason,
    revised: submission.status !== "submitted",
  };
  const mentions = accounts.get(submission.teacherId) ?? [];
  if (verdict.decision === "approved") return [conversation.say("admin-review-approved", details, mentions)];
  const direct = await tellReason(conversation, submission.teacherId, details);
  // Why work was sent back is between the reviewer and the teacher: the group hears only that it was.
  const template = conversation.message.chatType === "group" ? "admin-review-rejected-group" : "admin-review-rejected";
  return [conversation.say(template, { ...details, direct }, mentions)];
}

/**
 * Sends the teacher the reason their work was sent back, by direct message through the outbox, where they
 * can get one. Whether it was queued.
 */
async function tellReason(
  conversation: TeacherConversation,
  teacherId: string,
  details: { number: number; name: string; title: string; reason: string },
): Promise<boolean> {
  const { deps, message, actor } = conversation;
  const platform = (await directPlatformsOf(deps.prisma, [teacherId], deps.directMessagePlatforms)).get(teacherId);
  if (!platform) return false;
  await enqueueDeliveries(deps.prisma, [
    {
      idempotencyKey: `review:${message.platform}:${message.messageId}`,
      regionId: actor.regionId,
      purpose: "direct_answer",
      platform,
      teacherId,
      content: deps.templates.render("review-rejected-direct", details),
    },
  ]);
  await deps.kickOutbox?.();
  return true;
}

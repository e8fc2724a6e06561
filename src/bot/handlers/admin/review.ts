import type { Reply } from "../../../channels/types.js";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { reviewSubmission } from "../../../domain/reviews.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { enqueueDeliveries } from "../../../domain/outbox.js";
import { directPlatformsOf } from "../../../jobs/reminders/direct-accounts.js";
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

/**
 * 审核 15 通过 18 / 审核 15 退回 原因: a reviewer's verdict on a submission by the short number teachers got
 * when they handed it in. The teacher is @-mentioned in a group where they are bound; the reason for sending
 * work back goes to the teacher directly, never to the group.
 */
export async function reviewHandler(conversation: TeacherConversation, intent: ReviewIntent): Promise<Reply[]> {
  const { actor, deps, teacher } = conversation;
  requireRole(actor, "reviewer", "region_admin");
  const number = submissionNumberOf(intent.submissionRef);
  const submission =
    number === undefined
      ? null
      : await deps.prisma.submission.findUnique({
          where: { number },
          include: { teacher: true, assignment: { include: { project: true } } },
        });
  if (!submission || submission.assignment.project.regionId !== actor.regionId) {
    return [conversation.say("admin-review-not-found", { ref: intent.submissionRef })];
  }
  const reason = intent.decision === "rejected" ? intent.reason.trim() : "";
  if (intent.decision === "rejected" && reason === "") return [conversation.say("admin-review-need-reason", { number })];
  if (intent.decision === "approved" && intent.score === undefined) {
    return [conversation.say("admin-review-need-score", { number, max: submission.assignment.maxScore })];
  }
  const reviewed = await reviewSubmission(deps.prisma, {
    reviewerId: teacher.id,
    submissionId: submission.id,
    decision: intent.decision,
    ...(intent.decision === "approved" ? { score: intent.score } : { comment: reason }),
    now: deps.now(),
  });
  await audit(deps.prisma, actor, "review", "submission", reviewed.id, {
    decision: reviewed.status,
    ...(reviewed.score === null ? {} : { score: reviewed.score }),
    ...(reviewed.comment === null ? {} : { comment: reviewed.comment }),
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
  if (intent.decision === "approved") return [conversation.say("admin-review-approved", details, mentions)];
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

import type { Reply } from "../../../channels/types.js";
import { fromDbDate } from "../../../domain/calendar.js";
import type { SubmissionStatus } from "../../../generated/prisma/client.js";
import { mayUse } from "../../commands/command.js";
import { remind } from "../../commands/remind.js";
import { review } from "../../commands/review.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { paged } from "../../paging.js";
import { shortDate } from "../short-date.js";
import { progressOf, stillOwes } from "../../../domain/assignment-progress.js";
import { audienceOf } from "./audience.js";
import { assignmentNamed } from "./current-assignments.js";

/** Submission numbers listed for reviewers; beyond this many, a count keeps the reply phone-sized. */
const AWAITING_SHOWN = 20;

/**
 * 统计 <作业>: how many handed in, were approved or sent back, who still owes it (paged), and for those
 * who review, the submission numbers waiting for them.
 */
export async function statsHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "stats" }>): Promise<Reply[]> {
  const { actor, deps } = conversation;
  const { assignment, number, overdue } = await assignmentNamed(conversation, intent.assignmentRef, "统计");
  const audience = await audienceOf(conversation, "统计名单");
  const progress = await progressOf(deps.prisma, assignment, audience.schoolId);
  const count = (status: SubmissionStatus) => progress.filter((item) => item.submission?.status === status).length;
  const missing = progress.filter((item) => item.submission === null).length;
  const owing = progress.filter(stillOwes);
  const awaiting = progress
    .flatMap((item) => (item.submission?.status === "submitted" ? [item.submission.number] : []))
    .sort((a, b) => a - b);
  // The follow-ups offered are the commands the sender may use.
  const mayReview = mayUse(actor.roles, review);
  const mayRemind = mayUse(actor.roles, remind);
  const { templates } = deps;
  const header = templates.render("admin-stats-header", {
    title: assignment.title,
    audience: audience.label,
    due: shortDate(fromDbDate(assignment.dueOn)),
    overdue,
    total: progress.length,
    handedIn: progress.length - missing,
    approved: count("approved"),
    pending: count("submitted"),
    rejected: count("rejected"),
    missing,
    owing: owing.length,
  });
  // Where the region keeps late-lists in groups to counts, a group sees the numbers above and no names.
  const namesHere = conversation.message.chatType === "direct" || conversation.region.lateListInGroups === "names";
  const lines = (namesHere ? owing : []).map((item) =>
    templates.render("admin-stats-line", {
      name: item.teacher.name,
      school: audience.schoolId === null ? item.teacher.school?.name : undefined,
      rejected: item.submission !== null,
    }),
  );
  const trailer = templates.render("admin-stats-trailer", {
    awaiting: mayReview ? awaiting.slice(0, AWAITING_SHOWN) : [],
    awaitingMore: mayReview ? Math.max(0, awaiting.length - AWAITING_SHOWN) : 0,
    maxScore: assignment.maxScore,
    remind: mayRemind && owing.length > 0 ? number : undefined,
  });
  return paged(conversation, header, lines, trailer);
}

import type { Reply } from "../../../channels/types.js";
import type { TeacherConversation } from "../../context.js";
import { paged } from "../../paging.js";
import { dayAndTimeFrom } from "../short-date.js";

/**
 * 待审核 / 有哪些要审核的 / a bare 审核: the region's work waiting for a verdict, oldest first, each with its
 * number, author, assignment and the link to open, paged; and how to approve or return one. A reviewer's
 * own work is left out: nobody reviews themselves. The command is answered privately.
 */
export async function reviewQueueHandler(conversation: TeacherConversation): Promise<Reply[]> {
  const { deps, actor, region, today } = conversation;
  const waiting = await deps.prisma.submission.findMany({
    where: { status: "submitted", assignment: { project: { regionId: actor.regionId } }, teacherId: { not: actor.teacherId } },
    include: { teacher: { include: { school: true } }, assignment: true },
    orderBy: [{ submittedAt: "asc" }, { number: "asc" }],
  });
  const { templates } = deps;
  const numbers = new Map((await duplicatesOf(conversation, waiting)).map((row) => [row.id, row.number]));
  const lines = waiting.map((submission) =>
    templates.render("admin-review-queue-line", {
      number: submission.number,
      name: submission.teacher.name,
      school: submission.teacher.school?.name,
      title: submission.assignment.title,
      submitted: dayAndTimeFrom(today, submission.submittedAt, region.timezone),
      link: submission.link,
      duplicateOf: submission.duplicateOf === null ? undefined : numbers.get(submission.duplicateOf),
    }),
  );
  const first = waiting[0];
  return paged(
    conversation,
    templates.render("admin-review-queue-header", { count: waiting.length }),
    lines,
    first ? templates.render("admin-review-queue-trailer", { number: first.number, maxScore: first.assignment.maxScore }) : "",
  );
}

/** The submissions whose links the waiting ones repeat, so the reviewer sees which number to compare with. */
function duplicatesOf(conversation: TeacherConversation, waiting: { duplicateOf: string | null }[]) {
  const ids = waiting.flatMap((submission) => (submission.duplicateOf === null ? [] : [submission.duplicateOf]));
  return conversation.deps.prisma.submission.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } });
}

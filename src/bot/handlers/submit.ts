import type { Reply } from "../../channels/types.js";
import { openAssignmentsFor, type AssignedWork } from "../../domain/assignments.js";
import { DomainError } from "../../domain/errors.js";
import { normaliseLink, submitLink } from "../../domain/submissions.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { assignmentsMeant } from "./assignment-choice.js";
import { ASSIGNMENT_KIND_NAMES } from "./assignment-kinds.js";
import { dayAndTime } from "./short-date.js";
import { taskLine } from "./tasks.js";

type SubmitIntent = Extract<Intent, { kind: "submit" }>;

/** Which open assignment the teacher means: by its number in「我的作业」, by kind, or the only one. */
function pick(open: AssignedWork[], intent: SubmitIntent): AssignedWork | AssignedWork[] {
  const candidates = assignmentsMeant(open, open, intent);
  if (candidates.length === 0) {
    const what = intent.assignmentKind ? `「${ASSIGNMENT_KIND_NAMES[intent.assignmentKind]}」类的` : "";
    throw new DomainError("no_open_assignment", `你目前没有${what}待交作业。回复「我的作业」看看。`);
  }
  return candidates.length === 1 ? candidates[0]! : candidates;
}

/** 提交心得 https://… / 交作业 2 https://…: checks the link, records it, and confirms what and when. */
export async function submitHandler(conversation: TeacherConversation, intent: SubmitIntent): Promise<Reply[]> {
  // Checked before anything else so a bad link is refused the same way whatever the teacher has open.
  const link = normaliseLink(intent.link);
  const { prisma, templates } = conversation.deps;
  const open = await openAssignmentsFor(prisma, conversation.teacher, conversation.today);
  const chosen = pick(open, intent);
  if (Array.isArray(chosen)) {
    return [conversation.say("submit-which", { lines: chosen.map((item) => taskLine(templates, item, open.indexOf(item))), link })];
  }
  const now = conversation.deps.now();
  const outcome = await submitLink(prisma, { teacherId: conversation.teacher.id, assignmentId: chosen.assignment.id, link, now });
  return [
    conversation.say("submit-done", {
      title: chosen.assignment.title,
      link: outcome.submission.link,
      time: dayAndTime(now, conversation.region.timezone),
      number: outcome.submission.number,
      replaced: outcome.replaced,
      late: chosen.overdue,
      duplicate: outcome.duplicateOf !== null,
      minimumLength: chosen.assignment.minimumLength,
    }),
  ];
}

import type { Reply } from "../../channels/types.js";
import { openAssignmentsFor, type OpenAssignment } from "../../domain/assignments.js";
import { fromDbDate } from "../../domain/calendar.js";
import type { Templates } from "../templates.js";
import type { TeacherConversation } from "../context.js";
import { paged } from "../paging.js";
import { ASSIGNMENT_KIND_NAMES } from "./assignment-kinds.js";
import { shortDate } from "./short-date.js";

export function taskLine(templates: Templates, open: OpenAssignment, index: number): string {
  return templates.render("tasks-line", {
    number: index + 1,
    title: open.assignment.title,
    kind: ASSIGNMENT_KIND_NAMES[open.assignment.kind],
    project: open.assignment.project.code,
    due: shortDate(fromDbDate(open.assignment.dueOn)),
    overdue: open.overdue,
    status: open.submission?.status ?? "missing",
    minimumLength: open.assignment.minimumLength,
    comment: open.submission?.comment,
  });
}

/** 我的作业 / 待办: what is still to hand in or fix, numbered for 「交作业 2 链接」. */
export async function tasksHandler(conversation: TeacherConversation): Promise<Reply[]> {
  const open = await openAssignmentsFor(conversation.deps.prisma, conversation.teacher, conversation.today);
  if (open.length === 0) return [conversation.say("tasks-empty", { name: conversation.teacher.name })];
  const { templates } = conversation.deps;
  return paged(
    conversation,
    templates.render("tasks-header", { count: open.length }),
    open.map((item, index) => taskLine(templates, item, index)),
    templates.render("tasks-trailer", { example: open.length > 1 ? 2 : 1 }),
  );
}

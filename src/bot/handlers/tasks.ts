import type { Reply } from "../../channels/types.js";
import { owesWork } from "../../domain/assignment-progress.js";
import { assignmentsOf, isOpen, type AssignedWork } from "../../domain/assignments.js";
import { addDays, fromDbDate } from "../../domain/calendar.js";
import type { Templates } from "../templates.js";
import type { TeacherConversation } from "../context.js";
import { paged } from "../paging.js";
import { ASSIGNMENT_KIND_NAMES } from "./assignment-kinds.js";
import { shortDate } from "./short-date.js";

/** Approved work stays in「我的作业」, with its score, for this long after its due date. */
const APPROVED_SHOWN_DAYS = 90;

export function taskLine(templates: Templates, open: AssignedWork, index: number): string {
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

/**
 * 我的作业 / 待办: what is still to hand in or fix (counted in the first line), work waiting for review,
 * and recently approved work with its score. Open work is numbered for 「交作业 2 链接」 — work waiting
 * for review keeps its number, since a better link may still replace it.
 */
export async function tasksHandler(conversation: TeacherConversation): Promise<Reply[]> {
  const { today, deps } = conversation;
  const all = await assignmentsOf(deps.prisma, conversation.teacher, today);
  const open = all.filter(isOpen);
  const shownFrom = addDays(today, -APPROVED_SHOWN_DAYS);
  const approved = all.filter((item) => item.submission?.status === "approved" && fromDbDate(item.assignment.dueOn) >= shownFrom);
  if (open.length === 0 && approved.length === 0) return [conversation.say("tasks-empty", { name: conversation.teacher.name })];
  const { templates } = deps;
  const toDo = open.filter((item) => owesWork(item.submission));
  const firstToDo = toDo[0];
  const lines = [
    ...open.map((item, index) => taskLine(templates, item, index)),
    ...approved.map((item) =>
      templates.render("tasks-approved-line", { title: item.assignment.title, project: item.assignment.project.code, score: item.submission?.score ?? null, maxScore: item.assignment.maxScore }),
    ),
  ];
  return paged(
    conversation,
    templates.render("tasks-header", { name: conversation.teacher.name, toDo: toDo.length, waiting: open.length - toDo.length }),
    lines,
    firstToDo ? templates.render("tasks-trailer", { example: open.indexOf(firstToDo) + 1 }) : "",
  );
}

import { addDays, fromDbDate, toDbDate } from "../../../domain/calendar.js";
import type { Assignment, TrainingProject } from "../../../generated/prisma/client.js";
import type { TeacherConversation } from "../../context.js";
import { ASSIGNMENT_KIND_NAMES } from "../assignment-kinds.js";
import { shortDate } from "../short-date.js";
import { refusal } from "./refusal.js";

/** Late work keeps coming in for a few weeks after the deadline, so administrators still chase it. */
const LATE_WORK_DAYS = 30;

export type CurrentAssignment = Assignment & { project: TrainingProject };

/** The command an administrator is choosing an assignment for, as they typed it ("催交 1"). */
type AssignmentCommand = "催交" | "统计";

/**
 * The region's assignments administrators talk about — still due, or overdue by at most a few weeks —
 * numbered in a stable order (due date, then creation), so "催交 1" means the same thing to everyone.
 */
async function currentAssignments(conversation: TeacherConversation): Promise<CurrentAssignment[]> {
  return conversation.deps.prisma.assignment.findMany({
    where: {
      project: { regionId: conversation.region.id },
      dueOn: { gte: toDbDate(addDays(conversation.today, -LATE_WORK_DAYS)) },
    },
    include: { project: true },
    orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
}

function isOverdue(conversation: TeacherConversation, assignment: Assignment): boolean {
  return fromDbDate(assignment.dueOn) < conversation.today;
}

/** What an administrator types a reference against: title, kind and project code, without spaces. */
function searchableWords(assignment: CurrentAssignment): string[] {
  return [assignment.title, ASSIGNMENT_KIND_NAMES[assignment.kind], assignment.project.code].map(compact);
}

const compact = (text: string) => text.replace(/\s+/gu, "").toLowerCase();

function matchesWords(assignment: CurrentAssignment, ref: string): boolean {
  const wanted = compact(ref);
  return searchableWords(assignment).some((words) => words.includes(wanted) || (words.length >= 2 && wanted.includes(words)));
}

type Choice = "missing" | "number" | "words" | "ambiguous";

function askWhich(conversation: TeacherConversation, all: CurrentAssignment[], shown: CurrentAssignment[], choice: Choice, ref: string, command: AssignmentCommand) {
  const { templates } = conversation.deps;
  const lines = shown.map((assignment) =>
    templates.render("admin-assignment-line", {
      number: all.indexOf(assignment) + 1,
      title: assignment.title,
      project: assignment.project.code,
      due: shortDate(fromDbDate(assignment.dueOn)),
      overdue: isOverdue(conversation, assignment),
    }),
  );
  return refusal(conversation, `assignment_${choice}`, "admin-assignment-choose", { choice, ref, command, lines, example: all.indexOf(shown[0]!) + 1 });
}

/**
 * The assignment an administrator means: its number in the list of current assignments, or words of its
 * title, kind or project code; none at all means the only current one. Anything unclear is answered with
 * the list to choose from.
 */
export async function assignmentNamed(
  conversation: TeacherConversation,
  ref: string,
  command: AssignmentCommand,
): Promise<{ assignment: CurrentAssignment; number: number; overdue: boolean }> {
  const all = await currentAssignments(conversation);
  if (all.length === 0) throw refusal(conversation, "no_current_assignment", "admin-assignment-none");
  const found = (assignment: CurrentAssignment) => ({
    assignment,
    number: all.indexOf(assignment) + 1,
    overdue: isOverdue(conversation, assignment),
  });
  // With one assignment going on, "还有谁没交" can only mean that one.
  if (ref === "" && all.length === 1) return found(all[0]!);
  if (ref === "") throw askWhich(conversation, all, all, "missing", ref, command);
  if (/^\d+$/.test(ref)) {
    const chosen = all[Number(ref) - 1];
    if (!chosen) throw askWhich(conversation, all, all, "number", ref, command);
    return found(chosen);
  }
  const matching = all.filter((assignment) => matchesWords(assignment, ref));
  if (matching.length === 0) throw askWhich(conversation, all, all, "words", ref, command);
  if (matching.length > 1) throw askWhich(conversation, all, matching, "ambiguous", ref, command);
  return found(matching[0]!);
}

/** A current assignment chosen earlier (a previewed 催交), with its number now; refused once it is no longer current. */
export async function currentAssignmentById(
  conversation: TeacherConversation,
  id: string,
): Promise<{ assignment: CurrentAssignment; number: number; overdue: boolean }> {
  const all = await currentAssignments(conversation);
  const index = all.findIndex((assignment) => assignment.id === id);
  if (index < 0) throw refusal(conversation, "assignment_no_longer_current", "admin-assignment-gone");
  const assignment = all[index]!;
  return { assignment, number: index + 1, overdue: isOverdue(conversation, assignment) };
}

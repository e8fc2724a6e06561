import type { AssignedWork } from "../../domain/assignments.js";
import { DomainError } from "../../domain/errors.js";
import type { AssignmentKind } from "../intents/index.js";

/**
 * Which of a teacher's assignments a message means. A number is its line in「我的作业」, which lists the open
 * ones, so it is looked up there whatever the question; without one, every assignment of `pool` of the
 * named kind (or of any kind) is meant, and the caller answers one or lists several.
 */
export function assignmentsMeant(
  open: readonly AssignedWork[],
  pool: readonly AssignedWork[],
  slots: { assignmentNumber?: number; assignmentKind?: AssignmentKind },
): AssignedWork[] {
  if (slots.assignmentNumber !== undefined) {
    const numbered = open[slots.assignmentNumber - 1];
    if (!numbered) {
      throw new DomainError("assignment_number_unknown", `没有第 ${slots.assignmentNumber} 项作业。回复「我的作业」看看编号。`, { field: "assignmentNumber" });
    }
    return [numbered];
  }
  return slots.assignmentKind === undefined ? [...pool] : pool.filter((item) => item.assignment.kind === slots.assignmentKind);
}

/** Its number in「我的作业」, or undefined for approved work, which that list no longer shows. */
export function numberInList(open: readonly AssignedWork[], item: AssignedWork): number | undefined {
  const index = open.findIndex((candidate) => candidate.assignment.id === item.assignment.id);
  return index === -1 ? undefined : index + 1;
}

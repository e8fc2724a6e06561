import type { Reply } from "../../../channels/types.js";
import { requireRole } from "../../../domain/actors.js";
import { fromDbDate } from "../../../domain/calendar.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { shortDate } from "../short-date.js";
import { progressOf, stillOwes } from "../../../domain/assignment-progress.js";
import { audienceOf } from "./audience.js";
import { mentionableAccounts } from "./mentionable-accounts.js";
import { assignmentNamed } from "./current-assignments.js";

/**
 * 催交 <作业>: a reminder, right here, to everyone who still owes the assignment (nothing handed in, or sent
 * back), @-mentioning those bound on this platform and naming the others, with the due date and the
 * minimum length (D7).
 */
export async function remindHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "remind" }>): Promise<Reply[]> {
  requireRole(conversation.actor, "school_admin", "region_admin");
  const { assignment, number, overdue } = await assignmentNamed(conversation, intent.assignmentRef, "催交");
  const audience = await audienceOf(conversation);
  const late = (await progressOf(conversation.deps.prisma, assignment, audience.schoolId)).filter(stillOwes);
  const details = {
    title: assignment.title,
    audience: audience.label,
    due: shortDate(fromDbDate(assignment.dueOn)),
    overdue,
    minimumLength: assignment.minimumLength,
    count: late.length,
    rejected: late.filter((item) => item.submission !== null).length,
    number,
  };
  if (late.length === 0) return [conversation.say("admin-remind-nobody", details)];
  if (conversation.message.chatType === "direct") {
    return [conversation.say("admin-remind-direct", { ...details, names: late.map((item) => item.teacher.name) })];
  }
  const accounts = await mentionableAccounts(conversation, late.map((item) => item.teacher.id));
  const unbound = late.filter((item) => !accounts.has(item.teacher.id)).map((item) => item.teacher.name);
  const mentions = late.flatMap((item) => accounts.get(item.teacher.id) ?? []);
  return [conversation.say("admin-remind", { ...details, unbound }, mentions)];
}

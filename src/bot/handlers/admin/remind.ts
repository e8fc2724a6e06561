import type { Reply } from "../../../channels/types.js";
import { requireRole } from "../../../domain/actors.js";
import { fromDbDate } from "../../../domain/calendar.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { shortDate } from "../short-date.js";
import { progressOf, stillOwes, type AssigneeProgress } from "../../../domain/assignment-progress.js";
import { enqueueDeliveries, type NewDelivery } from "../../../domain/outbox.js";
import { nextAllowedTime, quietHoursOf } from "../../../domain/quiet-hours.js";
import type { Assignment } from "../../../generated/prisma/client.js";
import { directPlatformsOf } from "../../../jobs/reminders/direct-accounts.js";
import { audienceOf } from "./audience.js";
import { mentionableAccounts } from "./mentionable-accounts.js";
import { assignmentNamed } from "./current-assignments.js";

/**
 * 催交 <作业>: a reminder, right here, to everyone who still owes the assignment (nothing handed in, or sent
 * back), @-mentioning those bound on this platform and naming the others, with the due date and the
 * minimum length (D7). Where the region keeps late-lists in groups to counts, only how many.
 */
export async function remindHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "remind" }>): Promise<Reply[]> {
  requireRole(conversation.actor, "school_admin", "region_admin");
  const { assignment, number, overdue } = await assignmentNamed(conversation, intent.assignmentRef, "催交");
  const audience = await audienceOf(conversation, "催交提醒");
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
  if (conversation.region.lateListInGroups === "counts") {
    const direct = await remindPrivately(conversation, assignment, late, details);
    return [conversation.say("admin-remind", { ...details, unbound: [], direct })];
  }
  const accounts = await mentionableAccounts(conversation, late.map((item) => item.teacher.id));
  const unbound = late.filter((item) => !accounts.has(item.teacher.id)).map((item) => item.teacher.name);
  const mentions = late.flatMap((item) => accounts.get(item.teacher.id) ?? []);
  return [conversation.say("admin-remind", { ...details, unbound }, mentions)];
}

/**
 * Where the region keeps late-lists in groups to counts, the group hears only how many, and each late
 * teacher who can get direct messages is reminded there, through the outbox. Returns how many were.
 */
async function remindPrivately(
  conversation: TeacherConversation,
  assignment: Assignment,
  late: AssigneeProgress[],
  details: { title: string; due: string; overdue: boolean; minimumLength: number | null },
): Promise<number> {
  const { deps, message, region } = conversation;
  const platforms = await directPlatformsOf(deps.prisma, late.map((item) => item.teacher.id), deps.directMessagePlatforms);
  const notBefore = nextAllowedTime(deps.now(), quietHoursOf(region));
  const deliveries: NewDelivery[] = late.flatMap(({ teacher, submission }) => {
    const platform = platforms.get(teacher.id);
    if (!platform) return [];
    return [{
      // One per 催交 message and teacher: a redelivered message adds nothing.
      idempotencyKey: `remind:${assignment.id}:${teacher.id}:${message.platform}:${message.messageId}`,
      regionId: region.id,
      purpose: "deadline_reminder",
      platform,
      teacherId: teacher.id,
      content: deps.templates.render("remind-late-teacher", { ...details, name: teacher.name, rejected: submission !== null }),
      notBefore,
    }];
  });
  await enqueueDeliveries(deps.prisma, deliveries);
  if (deliveries.length > 0) await deps.kickOutbox?.();
  return deliveries.length;
}

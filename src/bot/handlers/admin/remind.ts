import type { Reply } from "../../../channels/types.js";
import { audit } from "../../../domain/audit.js";
import { fromDbDate } from "../../../domain/calendar.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { dayAndTimeFrom, shortDate } from "../short-date.js";
import { progressOf, stillOwes, type AssigneeProgress } from "../../../domain/assignment-progress.js";
import { enqueueDeliveries, type NewDelivery } from "../../../domain/outbox.js";
import { nextAllowedTime, quietHoursOf } from "../../../domain/quiet-hours.js";
import type { Assignment } from "../../../generated/prisma/client.js";
import { directPlatformsOf } from "../../../jobs/reminders/direct-accounts.js";
import { preview } from "../confirmation.js";
import { audienceOf, type Audience } from "./audience.js";
import { mentionableAccounts } from "./mentionable-accounts.js";
import { assignmentNamed, currentAssignmentById, type CurrentAssignment } from "./current-assignments.js";
import { refusal } from "./refusal.js";

/**
 * One 催交 per assignment and group within this time: a second one only @-mentions the same people again,
 * which is what makes teachers mute the group.
 */
const REMIND_COOLDOWN_MINUTES = 60;

/** A 催交 previewed in a group and waiting for 确认. */
export type ReminderRequest = { assignmentId: string };

type Reminder = {
  assignment: CurrentAssignment;
  audience: Audience;
  late: AssigneeProgress[];
  details: { title: string; audience: string; due: string; overdue: boolean; minimumLength: number | null; count: number; rejected: number; number: number };
};

async function reminderOf(conversation: TeacherConversation, chosen: { assignment: CurrentAssignment; number: number; overdue: boolean }): Promise<Reminder> {
  const { assignment, number, overdue } = chosen;
  const audience = await audienceOf(conversation, "催交提醒");
  const late = (await progressOf(conversation.deps.prisma, assignment, audience.schoolId)).filter(stillOwes);
  return {
    assignment,
    audience,
    late,
    details: {
      title: assignment.title,
      audience: audience.label,
      due: shortDate(fromDbDate(assignment.dueOn)),
      overdue,
      minimumLength: assignment.minimumLength,
      count: late.length,
      rejected: late.filter((item) => item.submission !== null).length,
      number,
    },
  };
}

/**
 * 催交 <作业>: in a group, a preview of the reminder — who will be @-mentioned, who only named (not bound
 * here), or, where the region keeps late-lists in groups to counts, how many and how many get a direct
 * message — sent on 确认. In a direct chat, where an @ reaches nobody, the names to chase.
 */
export async function remindHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "remind" }>): Promise<Reply[]> {
  const reminder = await reminderOf(conversation, await assignmentNamed(conversation, intent.assignmentRef, "催交"));
  const { late, details, assignment } = reminder;
  if (late.length === 0) return [conversation.say("admin-remind-nobody", details)];
  if (conversation.message.chatType === "direct") {
    return [conversation.say("admin-remind-direct", { ...details, names: late.map((item) => item.teacher.name) })];
  }
  await requireCooledDown(conversation, assignment);
  const request: ReminderRequest = { assignmentId: assignment.id };
  const pending = { action: "remind" as const, summary: assignment.title, payload: request };
  if (conversation.region.lateListInGroups === "counts") {
    const platforms = await directPlatformsOf(conversation.deps.prisma, late.map((item) => item.teacher.id), conversation.deps.directMessagePlatforms);
    return preview(conversation, pending, "admin-remind-preview", { ...details, counts: true, direct: platforms.size });
  }
  const accounts = await mentionableAccounts(conversation, late.map((item) => item.teacher.id));
  return preview(conversation, pending, "admin-remind-preview", {
    ...details,
    mentioned: late.filter((item) => accounts.has(item.teacher.id)).map((item) => item.teacher.name),
    unbound: late.filter((item) => !accounts.has(item.teacher.id)).map((item) => item.teacher.name),
  });
}

/**
 * 确认 of a previewed 催交: the reminder, right here, to everyone who still owes the assignment now (the list
 * is read again: someone may have handed in meanwhile), with the due date and the minimum length (D7).
 */
export async function sendReminder(conversation: TeacherConversation, request: ReminderRequest): Promise<Reply[]> {
  const { actor, deps, message } = conversation;
  const reminder = await reminderOf(conversation, await currentAssignmentById(conversation, request.assignmentId));
  const { assignment, late, details } = reminder;
  if (late.length === 0) return [conversation.say("admin-remind-nobody", details)];
  await requireCooledDown(conversation, assignment);
  const counts = conversation.region.lateListInGroups === "counts";
  const direct = counts ? await remindPrivately(conversation, assignment, late, details) : 0;
  const accounts = counts ? new Map<string, string[]>() : await mentionableAccounts(conversation, late.map((item) => item.teacher.id));
  await audit(deps.prisma, actor, "remind", "assignment", assignment.id, {
    platform: message.platform,
    chatId: message.chatId,
    sentAt: deps.now().toISOString(),
    late: late.length,
    via: "chat",
  });
  const unbound = counts ? [] : late.filter((item) => !accounts.has(item.teacher.id)).map((item) => item.teacher.name);
  const mentions = late.flatMap((item) => accounts.get(item.teacher.id) ?? []);
  return [conversation.say("admin-remind", { ...details, unbound, direct }, mentions)];
}

/** Refuses a 催交 of the same assignment in the same group within the cooldown, saying when the last one went. */
async function requireCooledDown(conversation: TeacherConversation, assignment: Assignment): Promise<void> {
  const { deps, message, region, today } = conversation;
  const last = await deps.prisma.auditLog.findFirst({
    where: {
      entity: "assignment",
      entityId: assignment.id,
      action: "remind",
      AND: [{ detail: { path: ["platform"], equals: message.platform } }, { detail: { path: ["chatId"], equals: message.chatId } }],
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  const sentAt = new Date(String((last?.detail as { sentAt?: string } | null)?.sentAt));
  if (!last || Number.isNaN(sentAt.getTime())) return;
  const again = sentAt.getTime() + REMIND_COOLDOWN_MINUTES * 60_000;
  const wait = Math.ceil((again - deps.now().getTime()) / 60_000);
  if (wait <= 0) return;
  const by = await deps.prisma.teacher.findFirst({ where: { regionId: region.id, employeeNumber: last.actor } });
  throw refusal(conversation, "remind_cooldown", "admin-remind-cooldown", {
    title: assignment.title,
    when: dayAndTimeFrom(today, sentAt, region.timezone),
    by: by?.name,
    wait,
  });
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

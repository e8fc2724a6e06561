import { shortDate } from "../../bot/handlers/short-date.js";
import { addDays, toDbDate } from "../../domain/calendar.js";
import { HEARS_SCHOOL_TRAFFIC } from "../../domain/group-traffic.js";
import type { NewDelivery } from "../../domain/outbox.js";
import { alreadyClaimed, claimAndEnqueue } from "./claim.js";
import type { ReminderDependencies } from "./dependencies.js";
import { regionDay } from "./region-day.js";
import { directPlatformsOf } from "./direct-accounts.js";
import { addresseesOn, lateInGroup, lateTeachersOf } from "./late-teachers.js";

/** Days before the due date (local) on which those who have not handed in are reminded. */
export const REMINDER_LEADS = [3, 1] as const;

export type DeadlineOutcome = { reminders: number; deliveries: number };

/**
 * Deadline reminders of one region for today: for each assignment due in 3 or in 1 day(s), one message to
 * every approved group with someone who still owes it (@-mentioning them) and one direct message to each of them
 * who is bound where direct messages work. Everything for one assignment and lead is claimed at once, so
 * it happens once even when the hourly tick repeats or two instances run it.
 */
export async function runDeadlineReminders(deps: ReminderDependencies, regionId: string): Promise<DeadlineOutcome> {
  const { prisma } = deps;
  const { region, today, notBefore } = await regionDay(deps, regionId);
  const groups = await prisma.chatGroup.findMany({ where: { regionId, ...HEARS_SCHOOL_TRAFFIC }, orderBy: { createdAt: "asc" } });
  // With counts only, the group message names and @-mentions nobody; the direct messages still go out.
  const namesInGroups = region.lateListInGroups === "names";
  const outcome: DeadlineOutcome = { reminders: 0, deliveries: 0 };

  for (const lead of REMINDER_LEADS) {
    const dueOn = addDays(today, lead);
    const assignments = await prisma.assignment.findMany({ where: { project: { regionId }, dueOn: toDbDate(dueOn) }, orderBy: { createdAt: "asc" } });
    for (const assignment of assignments) {
      // Period: the local day it runs, so the admin view lists each day's reminders as one run.
      const run = { kind: "deadline_reminder", scope: `${assignment.id}:${lead}d`, period: today } as const;
      if (await alreadyClaimed(prisma, run)) continue;
      const late = await lateTeachersOf(prisma, assignment);
      const details = { title: assignment.title, due: shortDate(dueOn), days: lead, minimumLength: assignment.minimumLength };
      const common = { regionId, purpose: "deadline_reminder", notBefore } as const;
      const deliveries: NewDelivery[] = [];
      for (const group of groups) {
        const inGroup = lateInGroup(group, late);
        if (inGroup.length === 0) continue;
        const { mentions, unbound } = namesInGroups ? await addresseesOn(prisma, group.platform, inGroup.map((item) => item.teacher)) : { mentions: [], unbound: [] };
        deliveries.push({
          ...common,
          idempotencyKey: `deadline:${assignment.id}:${group.id}:${lead}d`,
          platform: group.platform,
          groupId: group.id,
          content: deps.templates.render("reminder-deadline-group", { ...details, count: inGroup.length, unbound }),
          mentions,
        });
      }
      const direct = await directPlatformsOf(prisma, late.map((item) => item.teacher.id), deps.directMessagePlatforms);
      for (const { teacher, submission } of late) {
        const platform = direct.get(teacher.id);
        if (!platform) continue;
        deliveries.push({
          ...common,
          idempotencyKey: `deadline:${assignment.id}:${teacher.id}:${lead}d:direct`,
          platform,
          teacherId: teacher.id,
          content: deps.templates.render("reminder-deadline-direct", { ...details, name: teacher.name, rejected: submission !== null }),
        });
      }
      if (await claimAndEnqueue(prisma, run, deliveries)) {
        outcome.reminders += 1;
        outcome.deliveries += deliveries.length;
      }
    }
  }
  return outcome;
}

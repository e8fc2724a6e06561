import { shortDate } from "../../bot/handlers/short-date.js";
import { addDays, toDbDate } from "../../domain/calendar.js";
import { HEARS_SCHOOL_TRAFFIC } from "../../domain/group-traffic.js";
import type { NewDelivery } from "../../domain/outbox.js";
import { alreadyClaimed, claimAndEnqueue } from "./claim.js";
import type { ReminderDependencies } from "./dependencies.js";
import { regionDay } from "./region-day.js";
import { directPlatformsOf } from "./direct-accounts.js";
import { addresseesOn } from "./late-teachers.js";

export type StartOutcome = { reminders: number; deliveries: number };

/**
 * What 报名 promised ("开班前我会提醒"): the day before a project of the region starts, one direct message
 * to each enrolled teacher bound where direct messages work, and one message to each approved school group
 * with enrolled teachers, @-mentioning them. Everything for one project is claimed at once, so it goes
 * out once however often the tick repeats; inside quiet hours it waits for them to end.
 */
export async function runStartReminders(deps: ReminderDependencies, regionId: string): Promise<StartOutcome> {
  const { prisma } = deps;
  const { today, notBefore } = await regionDay(deps, regionId);
  const startsOn = addDays(today, 1);
  const outcome: StartOutcome = { reminders: 0, deliveries: 0 };
  const projects = await prisma.trainingProject.findMany({ where: { regionId, startsOn: toDbDate(startsOn) }, orderBy: { code: "asc" } });
  if (projects.length === 0) return outcome;
  // A region-level group has no school to speak for; its admins see enrollments elsewhere.
  const groups = await prisma.chatGroup.findMany({ where: { regionId, schoolId: { not: null }, ...HEARS_SCHOOL_TRAFFIC }, orderBy: { createdAt: "asc" } });

  for (const project of projects) {
    const run = { kind: "start_reminder", scope: project.id, period: today } as const;
    if (await alreadyClaimed(prisma, run)) continue;
    const enrolled = (
      await prisma.enrollment.findMany({
        where: { projectId: project.id, status: "enrolled", teacher: { active: true } },
        include: { teacher: true },
        orderBy: { teacher: { employeeNumber: "asc" } },
      })
    ).map((enrollment) => enrollment.teacher);
    const details = { code: project.code, title: project.title, starts: shortDate(startsOn) };
    const common = { regionId, purpose: "start_reminder", notBefore } as const;
    const deliveries: NewDelivery[] = [];
    for (const group of groups) {
      const ofSchool = enrolled.filter((teacher) => teacher.schoolId === group.schoolId);
      if (ofSchool.length === 0) continue;
      const { mentions, unbound } = await addresseesOn(prisma, group.platform, ofSchool);
      deliveries.push({
        ...common,
        idempotencyKey: `start:${project.id}:${group.id}`,
        platform: group.platform,
        groupId: group.id,
        content: deps.templates.render("reminder-start-group", { ...details, count: ofSchool.length, unbound }),
        mentions,
      });
    }
    const direct = await directPlatformsOf(prisma, enrolled.map((teacher) => teacher.id), deps.directMessagePlatforms);
    for (const teacher of enrolled) {
      const platform = direct.get(teacher.id);
      if (!platform) continue;
      deliveries.push({
        ...common,
        idempotencyKey: `start:${project.id}:${teacher.id}:direct`,
        platform,
        teacherId: teacher.id,
        content: deps.templates.render("reminder-start-direct", { ...details, name: teacher.name }),
      });
    }
    if (await claimAndEnqueue(prisma, run, deliveries)) {
      outcome.reminders += 1;
      outcome.deliveries += deliveries.length;
    }
  }
  return outcome;
}

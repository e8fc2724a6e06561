import { shortDate } from "../../bot/handlers/short-date.js";
import { addDays, fromDbDate, toDbDate } from "../../domain/calendar.js";
import { HEARS_SCHOOL_TRAFFIC } from "../../domain/group-traffic.js";
import type { NewDelivery } from "../../domain/outbox.js";
import { claimAndEnqueue, alreadyClaimed } from "./claim.js";
import type { ReminderDependencies } from "./dependencies.js";
import { regionDay } from "./region-day.js";
import { isoWeekOf } from "./iso-week.js";
import { rosterOf } from "../../domain/assignment-progress.js";
import { addresseesOn, lateInGroup, lateTeachersOf } from "./late-teachers.js";

/**
 * How far back the digest looks: work overdue for longer is left to 催交 by hand, so a forgotten
 * assignment does not sit in every Monday's message for years.
 */
export const OVERDUE_WINDOW_DAYS = 90;

export type DigestOutcome = { week: string; groups: number; claimed: number; sent: number };

/**
 * The weekly overdue digest of one region: per approved chat group, one message @-mentioning who is late on
 * which assignments (due date passed, nothing handed in or sent back), or only how many when the region
 * keeps late-lists in groups to counts. Each group is claimed for the ISO week
 * (in the region's time zone) together with its message, so however many instances or retries run this,
 * a group gets at most one digest a week; a group with nobody late is claimed without a message.
 */
export async function runWeeklyDigest(deps: ReminderDependencies, regionId: string): Promise<DigestOutcome> {
  const { prisma } = deps;
  const { region, today, notBefore } = await regionDay(deps, regionId);
  const week = isoWeekOf(today);
  const groups = await prisma.chatGroup.findMany({ where: { regionId, ...HEARS_SCHOOL_TRAFFIC }, include: { school: true }, orderBy: { createdAt: "asc" } });
  const overdue = await prisma.assignment.findMany({
    where: { project: { regionId }, dueOn: { lt: toDbDate(today), gte: toDbDate(addDays(today, -OVERDUE_WINDOW_DAYS)) } },
    orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
  });
  const roster = await rosterOf(prisma, regionId);
  const lateByAssignment = await Promise.all(
    overdue.map(async (assignment) => ({ assignment, late: await lateTeachersOf(prisma, assignment, roster) })),
  );
  const namesInGroups = region.lateListInGroups === "names";

  const outcome: DigestOutcome = { week, groups: groups.length, claimed: 0, sent: 0 };
  for (const group of groups) {
    const run = { kind: "weekly_digest", scope: group.id, period: week } as const;
    if (await alreadyClaimed(prisma, run)) continue;
    const items = lateByAssignment
      .map(({ assignment, late }) => ({ assignment, late: lateInGroup(group, late) }))
      .filter((item) => item.late.length > 0);
    const everyone = [...new Map(items.flatMap((item) => item.late).map((item) => [item.teacher.id, item])).values()];
    // With counts only, nobody in the group is named or @-mentioned.
    const { mentions, unbound } = namesInGroups ? await addresseesOn(prisma, group.platform, everyone.map((item) => item.teacher)) : { mentions: [], unbound: [] };
    const deliveries: NewDelivery[] =
      items.length === 0
        ? []
        : [
            {
              idempotencyKey: `weekly_digest:${group.id}:${week}`,
              regionId,
              purpose: "weekly_digest",
              platform: group.platform,
              groupId: group.id,
              content: deps.templates.render("reminder-weekly-digest", {
                audience: group.school?.name ?? region.name,
                count: everyone.length,
                items: items.map(({ assignment, late }) => ({
                  title: assignment.title,
                  due: shortDate(fromDbDate(assignment.dueOn)),
                  count: late.length,
                  names: namesInGroups ? late.map((item) => item.teacher.name).join("、") : "",
                  rejected: late.filter((item) => item.submission !== null).length,
                })),
                unbound,
              }),
              mentions,
              notBefore,
            },
          ];
    if (await claimAndEnqueue(prisma, run, deliveries)) {
      outcome.claimed += 1;
      outcome.sent += deliveries.length;
    }
  }
  return outcome;
}

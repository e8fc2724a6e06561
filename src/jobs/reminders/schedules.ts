import type { CoordinationLogger, CronSchedule, JobQueue, RetryOptions } from "../../coordination/index.js";
import type { Region } from "../../generated/prisma/client.js";

/** The queue all reminder jobs run on. */
export const REMINDER_QUEUE = "reminders";

export type ReminderJobName = "weekly-digest" | "deadline-reminders" | "start-reminders" | "annual-nudge" | "sync-schedules" | "retention";
/** The region a job is for; null for the jobs that cover every region (the schedules re-sync, retention). */
export type ReminderJobData = { regionId: string | null };

/**
 * Deadline reminders are checked hourly through the working day: the first tick (08:00) sends them, the
 * later ones only catch up after an outage, since each reminder is claimed once.
 */
export const DEADLINE_PATTERN = "0 8-20 * * *";
/** Start reminders (the day before a project starts) follow the same rhythm: sent at 08:00, caught up later that day. */
export const START_PATTERN = DEADLINE_PATTERN;
/** The nudge is checked daily at 10:00 through its month, reaching teachers who bind during the month. */
export const nudgePattern = (month: number) => `0 10 * ${month} *`;
/** How often every instance's view of the regions' schedules is refreshed: a changed cron applies within this. */
export const SYNC_PATTERN = "*/10 * * * *";
/** Retention runs once a day across all instances, at night in China, for every region at once. */
export const RETENTION_SCHEDULE: CronSchedule = { pattern: "30 3 * * *", tz: "Asia/Shanghai" };

const RETRY: RetryOptions = { attempts: 3, backoff: { type: "exponential", delayMs: 60_000 } };

type Wanted = { schedulerId: string; when: CronSchedule; name: ReminderJobName; data: ReminderJobData };
export type RegionSchedule = Pick<Region, "id" | "timezone" | "weeklyDigestCron" | "annualNudgeMonth">;

/** Every schedule the reminders need: four per region (no nudge where it is off), the re-sync and retention. */
export function wantedSchedules(regions: RegionSchedule[]): Wanted[] {
  const wanted: Wanted[] = [
    { schedulerId: "reminder-schedules-sync", when: { pattern: SYNC_PATTERN, tz: "UTC" }, name: "sync-schedules", data: { regionId: null } },
    { schedulerId: "data-retention", when: RETENTION_SCHEDULE, name: "retention", data: { regionId: null } },
  ];
  for (const region of regions) {
    const data = { regionId: region.id };
    const tz = region.timezone;
    // Scheduler ids may hold only letters, digits, '-' and '_' (BullMQ builds keys from them).
    wanted.push({ schedulerId: `weekly-digest-${region.id}`, when: { pattern: region.weeklyDigestCron, tz }, name: "weekly-digest", data });
    wanted.push({ schedulerId: `deadline-reminders-${region.id}`, when: { pattern: DEADLINE_PATTERN, tz }, name: "deadline-reminders", data });
    wanted.push({ schedulerId: `start-reminders-${region.id}`, when: { pattern: START_PATTERN, tz }, name: "start-reminders", data });
    if (region.annualNudgeMonth !== null) {
      wanted.push({ schedulerId: `annual-nudge-${region.id}`, when: { pattern: nudgePattern(region.annualNudgeMonth), tz }, name: "annual-nudge", data });
    }
  }
  return wanted;
}

/**
 * Makes the queue's schedules match the regions: adds new ones, replaces changed ones (so an edited cron
 * takes effect), removes those of deleted regions or a nudge turned off. Unchanged schedules are left
 * alone so their next tick stays as it was. A region whose stored cron is invalid is logged and skipped.
 */
export async function syncReminderSchedules(queue: JobQueue<ReminderJobData>, regions: RegionSchedule[], logger: CoordinationLogger): Promise<void> {
  const wanted = wantedSchedules(regions);
  const existing = new Map((await queue.listSchedules()).map((info) => [info.schedulerId, info]));
  for (const schedule of wanted) {
    const current = existing.get(schedule.schedulerId);
    if (current && current.pattern === schedule.when.pattern && current.tz === schedule.when.tz && current.name === schedule.name) continue;
    try {
      await queue.schedule(schedule.schedulerId, schedule.when, schedule.name, schedule.data, RETRY);
    } catch (error) {
      logger.error({ schedulerId: schedule.schedulerId, err: error }, "reminder schedule refused; fix the region's settings");
    }
  }
  const keep = new Set(wanted.map((schedule) => schedule.schedulerId));
  for (const schedulerId of existing.keys()) if (!keep.has(schedulerId)) await queue.removeSchedule(schedulerId);
}

import type { JobContext, JobQueue } from "../../coordination/index.js";
import { applyRetention } from "../../domain/retention.js";
import { runAnnualNudge } from "./annual-nudge.js";
import { runDeadlineReminders } from "./deadline-reminders.js";
import { runStartReminders } from "./start-reminders.js";
import type { ReminderDependencies } from "./dependencies.js";
import { syncReminderSchedules, type ReminderJobData, type ReminderJobName } from "./schedules.js";
import { runWeeklyDigest } from "./weekly-digest.js";

/** Runs one tick of a reminder schedule. Every producer is idempotent, so a retried or repeated tick is harmless. */
export async function runReminderJob(deps: ReminderDependencies, queue: JobQueue<ReminderJobData>, job: JobContext<ReminderJobData>): Promise<void> {
  const name = job.name as ReminderJobName;
  const { regionId } = job.data;
  if (name === "retention") {
    deps.logger.info({ job: name, ...(await applyRetention(deps.prisma, deps.now())) }, "retention job done");
    return;
  }
  if (name === "sync-schedules" || regionId === null) {
    await syncReminderSchedules(queue, await deps.prisma.region.findMany(), deps.logger);
    return;
  }
  // A region deleted since its schedule was made: the next sync removes the schedule.
  if ((await deps.prisma.region.count({ where: { id: regionId } })) === 0) return;
  const outcome =
    name === "weekly-digest"
      ? await runWeeklyDigest(deps, regionId)
      : name === "deadline-reminders"
        ? await runDeadlineReminders(deps, regionId)
        : name === "start-reminders"
          ? await runStartReminders(deps, regionId)
          : await runAnnualNudge(deps, regionId);
  deps.logger.info({ job: name, regionId, ...outcome }, "reminder job done");
}

import type { Coordination, ScheduleInfo } from "../../coordination/index.js";
import type { ReminderDependencies } from "./dependencies.js";
import { runReminderJob } from "./run-job.js";
import { REMINDER_QUEUE, syncReminderSchedules, type ReminderJobData } from "./schedules.js";

export { lastRuns, type ReminderRunSummary } from "./last-runs.js";
export { REMINDER_QUEUE } from "./schedules.js";

export type Reminders = { close(): Promise<void> };

/**
 * Starts this instance's reminder worker and brings the schedules in line with the regions. Every
 * instance may do this: a schedule ticks once across all of them, and each message is claimed once.
 */
export async function startReminders(deps: ReminderDependencies & { coordination: Coordination }): Promise<Reminders> {
  const queue = deps.coordination.queue<ReminderJobData>(REMINDER_QUEUE);
  queue.process((job) => runReminderJob(deps, queue, job));
  try {
    await syncReminderSchedules(queue, await deps.prisma.region.findMany(), deps.logger);
  } catch (error) {
    // The schedules already stored keep ticking; the periodic sync job retries once the store answers.
    deps.logger.error({ err: error }, "reminder schedules could not be synchronised at start-up");
  }
  return { close: () => queue.close() };
}

/** The reminder schedules with their next tick, for the admin view of upcoming jobs. */
export function upcomingReminderJobs(coordination: Coordination): Promise<ScheduleInfo[]> {
  return coordination.queue<ReminderJobData>(REMINDER_QUEUE).listSchedules();
}

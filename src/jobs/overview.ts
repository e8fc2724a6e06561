import type { Coordination } from "../coordination/index.js";
import type { Actor } from "../domain/actors.js";
import { visibleDeliveries } from "../domain/visible-deliveries.js";
import type { DeliveryPurpose, DeliveryStatus, PrismaClient } from "../generated/prisma/client.js";
import { lastRuns, upcomingReminderJobs, type ReminderRunSummary } from "./reminders/index.js";

/** Delivery counts cover the deliveries created in this many days before now. */
export const OVERVIEW_DAYS = 7;

export type UpcomingJob = { name: string; pattern: string; tz: string; next: Date | null };

export type DeliveryFailure = {
  id: string;
  purpose: DeliveryPurpose;
  groupName: string | null;
  teacherName: string | null;
  status: DeliveryStatus;
  lastError: string | null;
  attempts: number;
  updatedAt: Date;
};

/** What the admin view of the scheduled jobs and the outbox shows: what runs next, what ran, what arrived. */
export type JobsOverview = {
  upcoming: UpcomingJob[];
  lastRuns: ReminderRunSummary[];
  /** The start of the window `deliveries` counts. */
  since: Date;
  deliveries: Record<DeliveryStatus, number>;
  recentFailures: DeliveryFailure[];
};

export type OverviewDependencies = {
  prisma: PrismaClient;
  /** Where the schedules live; without it this process runs no reminders, so nothing is upcoming here. */
  coordination?: Coordination;
  now: () => Date;
};

/**
 * The overview for `actor`'s region. Upcoming jobs are the region's schedules; deliveries and failures
 * follow `visibleDeliveries`, so a school administrator sees only their school's. Last runs come from the
 * reminder claims, which carry no region: with several regions in one database they are everybody's.
 */
export async function jobsOverview(
  deps: OverviewDependencies,
  actor: Actor,
  limits: { runs: number; failures: number },
): Promise<JobsOverview> {
  const { prisma } = deps;
  const visible = await visibleDeliveries(prisma, actor);
  const since = new Date(deps.now().getTime() - OVERVIEW_DAYS * 24 * 60 * 60_000);
  const [upcoming, runs, counts, failures] = await Promise.all([
    regionSchedules(deps.coordination, actor.regionId),
    lastRuns(prisma, limits.runs),
    prisma.delivery.groupBy({ by: ["status"], where: { ...visible, createdAt: { gte: since } }, _count: { _all: true } }),
    prisma.delivery.findMany({
      where: { ...visible, status: { in: ["failed", "dead"] } },
      include: { group: { select: { name: true } } },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: limits.failures,
    }),
  ]);
  const deliveries: Record<DeliveryStatus, number> = { pending: 0, sent: 0, failed: 0, dead: 0 };
  for (const row of counts) deliveries[row.status] = row._count._all;
  const directTo = failures.flatMap((failure) => (failure.teacherId ? [failure.teacherId] : []));
  const teachers = await prisma.teacher.findMany({ where: { id: { in: directTo } }, select: { id: true, name: true } });
  const teacherNames = new Map(teachers.map((teacher) => [teacher.id, teacher.name]));
  return {
    upcoming,
    lastRuns: runs,
    since,
    deliveries,
    recentFailures: failures.map((failure) => ({
      id: failure.id,
      purpose: failure.purpose,
      groupName: failure.group?.name ?? null,
      teacherName: failure.teacherId ? (teacherNames.get(failure.teacherId) ?? null) : null,
      status: failure.status,
      lastError: failure.lastError,
      attempts: failure.attempts,
      updatedAt: failure.updatedAt,
    })),
  };
}

/** The region's reminder schedules, soonest first; the schedules re-sync is plumbing, not a job to show. */
async function regionSchedules(coordination: Coordination | undefined, regionId: string): Promise<UpcomingJob[]> {
  if (!coordination) return [];
  const schedules = await upcomingReminderJobs(coordination);
  return schedules
    // Scheduler ids end with the region id (see wantedSchedules); ScheduleInfo does not carry the job data.
    .filter((info) => info.schedulerId.endsWith(`-${regionId}`))
    .map((info) => ({ name: info.name, pattern: info.pattern, tz: info.tz, next: info.nextRunAt ?? null }))
    .sort((a, b) => (a.next?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.next?.getTime() ?? Number.MAX_SAFE_INTEGER));
}

import Router from "@koa/router";
import { requireRole } from "../../../domain/actors.js";
import { jobsOverview } from "../../../jobs/overview.js";
import { actorIn, type AdminDependencies } from "../context.js";

const RUNS_SHOWN = 20;
const FAILURES_SHOWN = 20;

/**
 * GET /jobs: the scheduled reminder jobs still to come, the last runs, the outbox by status over the last
 * 7 days and the latest failures with their reasons. School administrators get their school's deliveries;
 * the schedules and runs are the region's, which their groups share.
 */
export function jobRoutes(deps: AdminDependencies): Router {
  const router = new Router();

  router.get("/jobs", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "school_admin", "region_admin");
    const overview = await jobsOverview(deps, actor, { runs: RUNS_SHOWN, failures: FAILURES_SHOWN });
    ctx.body = {
      upcoming: overview.upcoming.map((job) => ({ ...job, next: job.next?.toISOString() ?? null })),
      lastRuns: overview.lastRuns.map((run) => ({
        ...run,
        firstClaimedAt: run.firstClaimedAt.toISOString(),
        lastClaimedAt: run.lastClaimedAt.toISOString(),
      })),
      since: overview.since.toISOString(),
      deliveries: overview.deliveries,
      recentFailures: overview.recentFailures.map((failure) => ({ ...failure, updatedAt: failure.updatedAt.toISOString() })),
    };
  });

  return router;
}

import Router from "@koa/router";
import { z } from "zod";
import { assertCronSchedule } from "../../../coordination/cron.js";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { DomainError } from "../../../domain/errors.js";
import type { Region } from "../../../generated/prisma/client.js";
import { SYNC_PATTERN } from "../../../jobs/reminders/schedules.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { jsonBody } from "../validation.js";

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "应为 HH:MM 格式的时间，如 21:00");

const scheduleChanges = z.strictObject({
  weeklyDigestCron: z.string().trim().min(1).max(100).optional(),
  quietHoursStart: timeOfDay.optional(),
  quietHoursEnd: timeOfDay.optional(),
  annualNudgeMonth: z.number().int().min(1).max(12).nullable().optional(),
});

function present(region: Region) {
  return {
    timezone: region.timezone,
    weeklyDigestCron: region.weeklyDigestCron,
    quietHoursStart: region.quietHoursStart,
    quietHoursEnd: region.quietHoursEnd,
    annualNudgeMonth: region.annualNudgeMonth,
    /** Running instances re-read the schedules on this cron (UTC), so a change applies by the next tick. */
    appliesBy: SYNC_PATTERN,
  };
}

/** The region's reminder schedule: the weekly digest's cron, quiet hours and the annual nudge month. */
export function scheduleRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.get("/region/schedule", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    ctx.body = present(await prisma.region.findUniqueOrThrow({ where: { id: actor.regionId } }));
  });

  router.patch("/region/schedule", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const changes = await jsonBody(ctx, scheduleChanges);
    const region = await prisma.region.findUniqueOrThrow({ where: { id: actor.regionId } });
    if (changes.weeklyDigestCron !== undefined) {
      try {
        assertCronSchedule({ pattern: changes.weeklyDigestCron, tz: region.timezone });
      } catch {
        throw new DomainError("invalid_cron", "周报时间应为 cron 表达式，如「0 9 * * 1」表示每周一 9:00。", { field: "weeklyDigestCron" });
      }
    }
    const updated = await prisma.region.update({ where: { id: region.id }, data: changes });
    await audit(prisma, actor, "update", "region_schedule", region.id, changes);
    ctx.body = present(updated);
  });

  return router;
}

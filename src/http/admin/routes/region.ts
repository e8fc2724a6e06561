import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { updateRegionSettings } from "../../../domain/region-settings.js";
import { RETENTION_DAYS } from "../../../domain/retention.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { jsonBody } from "../validation.js";

const regionChanges = z
  .strictObject({
    bindingRequiresCode: z.boolean().optional(),
    retentionDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max).optional(),
    /** How late-lists read in groups: names (@-mentions) or counts only ("还有 3 位老师没交"). */
    lateListInGroups: z.enum(["names", "counts"]).optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, {
    message: "请给出要修改的设置（bindingRequiresCode、retentionDays 或 lateListInGroups）",
    path: ["(body)"],
  });

/** The region's own settings: whether binding wants a code, how long deliveries are kept, how late-lists read in groups. */
export function regionRoutes(deps: AdminDependencies): Router {
  const router = new Router();

  router.patch("/region", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const changes = await jsonBody(ctx, regionChanges);
    const region = await updateRegionSettings(deps.prisma, actor, changes);
    ctx.body = {
      id: region.id,
      code: region.code,
      name: region.name,
      bindingRequiresCode: region.bindingRequiresCode,
      retentionDays: region.retentionDays,
      lateListInGroups: region.lateListInGroups,
    };
  });

  return router;
}

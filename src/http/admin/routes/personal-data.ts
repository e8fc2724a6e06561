import Router from "@koa/router";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { assertMayManage } from "../../../domain/authority.js";
import { erasePersonalData, exportPersonalData } from "../../../domain/personal-data.js";
import { teacherInScope } from "../../../domain/scope.js";
import { actorIn, type AdminDependencies } from "../context.js";

/**
 * PIPL: a person's data as JSON (admins in scope, and the person themself with their own token), and its
 * erasure (region admins only).
 */
export function personalDataRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.get("/teachers/:id/export", async (ctx) => {
    const actor = actorIn(ctx);
    const teacher = await teacherInScope(prisma, actor.scope, ctx.params.id as string);
    // A school admin's scope covers a region admin on her staff; that person's record is still not hers to read.
    if (teacher.id !== actor.teacherId) assertMayManage(actor, teacher);
    const exported = await exportPersonalData(prisma, teacher.id, deps.now());
    await audit(prisma, actor, "export", "teacher", teacher.id);
    ctx.set("Content-Disposition", `attachment; filename="personal-data-${teacher.id}.json"`);
    ctx.body = exported;
  });

  router.post("/teachers/:id/erase", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    ctx.body = await erasePersonalData(prisma, actor, ctx.params.id as string, deps.now());
  });

  return router;
}

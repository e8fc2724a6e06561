import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { issueAdminToken, revokeAdminToken } from "../../../domain/admin-tokens.js";
import { audit } from "../../../domain/audit.js";
import { DomainError } from "../../../domain/errors.js";
import { teacherInScope } from "../../../domain/scope.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { jsonBody } from "../validation.js";

export function tokenRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.post("/tokens", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const body = await jsonBody(ctx, z.strictObject({ teacherId: z.string().uuid(), label: z.string().trim().min(1).max(100) }));
    await teacherInScope(prisma, actor.scope, body.teacherId);
    const issued = await issueAdminToken(prisma, { ...body, createdBy: actor.employeeNumber });
    await audit(prisma, actor, "issue", "admin_token", issued.id, { teacherId: body.teacherId, label: body.label });
    ctx.status = 201;
    ctx.body = { id: issued.id, token: issued.token, note: "令牌只显示这一次，请妥善保存。" };
  });

  router.delete("/tokens/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const token = await prisma.adminToken.findUnique({ where: { id: ctx.params.id as string }, include: { teacher: true } });
    if (!token || token.teacher.regionId !== actor.regionId) throw new DomainError("token_not_found", "找不到这个令牌。", { kind: "not_found" });
    await revokeAdminToken(prisma, token.id);
    await audit(prisma, actor, "revoke", "admin_token", token.id);
    ctx.status = 204;
  });

  return router;
}

import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { issueAdminToken, listAdminTokens, MAX_TOKEN_DAYS, revokeAdminToken } from "../../../domain/admin-tokens.js";
import { assertMayManage } from "../../../domain/authority.js";
import { DomainError } from "../../../domain/errors.js";
import { teacherInScope } from "../../../domain/scope.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { displayName, jsonBody } from "../validation.js";

const newToken = z.strictObject({
  teacherId: z.string().uuid(),
  label: displayName(100),
  /** Default DEFAULT_TOKEN_DAYS (90). */
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).optional(),
});

export function tokenRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.get("/tokens", async (ctx) => {
    const actor = actorIn(ctx);
    const tokens = await listAdminTokens(prisma, { teacherId: actor.teacherId, regionId: actor.regionId, regionWide: actor.roles.includes("region_admin") });
    ctx.body = { tokens };
  });

  router.post("/tokens", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const body = await jsonBody(ctx, newToken);
    assertMayManage(actor, await teacherInScope(prisma, actor.scope, body.teacherId));
    const issued = await issueAdminToken(prisma, { ...body, createdBy: actor.employeeNumber }, deps.now());
    ctx.status = 201;
    ctx.body = { id: issued.id, token: issued.token, expiresAt: issued.expiresAt, note: "令牌只显示这一次，请妥善保存。" };
  });

  router.delete("/tokens/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const token = await prisma.adminToken.findUnique({ where: { id: ctx.params.id as string }, include: { teacher: true } });
    if (!token || token.teacher.regionId !== actor.regionId) throw new DomainError("token_not_found", "找不到这个令牌。", { kind: "not_found" });
    assertMayManage(actor, token.teacher);
    await revokeAdminToken(prisma, actor, token.id, deps.now());
    ctx.status = 204;
  });

  return router;
}

import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { issueBindCode } from "../../../domain/binding.js";
import { DomainError } from "../../../domain/errors.js";
import { teacherInScope } from "../../../domain/scope.js";
import type { ChatIdentity } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { jsonBody } from "../validation.js";

const presentChatAccount = (identity: ChatIdentity) => ({
  id: identity.id,
  platform: identity.platform,
  platformUserId: identity.platformUserId,
  boundAt: identity.boundAt.toISOString(),
});

const regionChanges = z.strictObject({ bindingRequiresCode: z.boolean() });

/**
 * Which chat accounts speak for a teacher: one-time bind codes handed out by an administrator, the accounts
 * bound so far, unbinding one (rebinding is an administrator's decision, never a chat command), and whether
 * the region wants a code at all.
 */
export function chatAccountRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.post("/teachers/:id/bind-code", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const teacher = await teacherInScope(prisma, actor.scope, ctx.params.id as string);
    if (!teacher.active) throw new DomainError("teacher_inactive", "这位教师已停用，不能绑定聊天账号。", { kind: "conflict" });
    const issued = await issueBindCode(prisma, { teacherId: teacher.id, issuedBy: actor.employeeNumber, now: deps.now() });
    // The code itself is never logged or stored: only its hash is, by issueBindCode.
    await audit(prisma, actor, "issue", "bind_code", teacher.id, { expiresAt: issued.expiresAt.toISOString() });
    ctx.status = 201;
    ctx.body = {
      code: issued.code,
      expiresAt: issued.expiresAt.toISOString(),
      note: `验证码只显示这一次。请私下交给老师，让他在群里 @机器人 发送：绑定 ${teacher.employeeNumber} 验证码 ${issued.code}`,
    };
  });

  router.get("/teachers/:id/chat-accounts", async (ctx) => {
    const teacher = await teacherInScope(prisma, actorIn(ctx).scope, ctx.params.id as string);
    const accounts = await prisma.chatIdentity.findMany({ where: { teacherId: teacher.id }, orderBy: { boundAt: "asc" } });
    ctx.body = { accounts: accounts.map(presentChatAccount) };
  });

  router.delete("/teachers/:id/chat-accounts/:accountId", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const teacher = await teacherInScope(prisma, actor.scope, ctx.params.id as string);
    const account = await prisma.chatIdentity.findUnique({ where: { id: ctx.params.accountId as string } });
    if (!account || account.teacherId !== teacher.id) {
      throw new DomainError("chat_account_not_found", "找不到这个聊天账号。", { kind: "not_found" });
    }
    await prisma.chatIdentity.delete({ where: { id: account.id } });
    await audit(prisma, actor, "unbind", "chat_identity", account.id, {
      teacherId: teacher.id,
      platform: account.platform,
      platformUserId: account.platformUserId,
    });
    ctx.status = 204;
  });

  router.patch("/region", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const changes = await jsonBody(ctx, regionChanges);
    const region = await prisma.region.update({ where: { id: actor.regionId }, data: changes });
    await audit(prisma, actor, "update", "region", region.id, changes);
    ctx.body = { id: region.id, code: region.code, name: region.name, bindingRequiresCode: region.bindingRequiresCode };
  });

  return router;
}

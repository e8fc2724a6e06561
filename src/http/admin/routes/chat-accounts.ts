import Router from "@koa/router";
import { requireRole } from "../../../domain/actors.js";
import { assertMayManage } from "../../../domain/authority.js";
import { issueTeacherBindCode, unbindChatAccount } from "../../../domain/binding.js";
import { teacherInScope } from "../../../domain/scope.js";
import type { ChatIdentity } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";

const presentChatAccount = (identity: ChatIdentity) => ({
  id: identity.id,
  platform: identity.platform,
  platformUserId: identity.platformUserId,
  boundAt: identity.boundAt.toISOString(),
});

/**
 * Which chat accounts speak for a teacher: one-time bind codes handed out by an administrator, the accounts
 * bound so far, unbinding one (rebinding is an administrator's decision, never a chat command).
 */
export function chatAccountRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.post("/teachers/:id/bind-code", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const teacher = await teacherInScope(prisma, actor.scope, ctx.params.id as string);
    assertMayManage(actor, teacher);
    const issued = await issueTeacherBindCode(prisma, deps.secrets, actor, teacher, deps.now());
    ctx.status = 201;
    ctx.body = {
      code: issued.code,
      expiresAt: issued.expiresAt.toISOString(),
      note: `验证码只显示这一次，24 小时内有效，之前发给这位老师的验证码随之作废。请私下交给老师，让他私聊机器人发送：绑定 ${teacher.employeeNumber} 验证码 ${issued.code}`,
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
    assertMayManage(actor, teacher);
    await unbindChatAccount(prisma, actor, teacher.id, ctx.params.accountId as string);
    ctx.status = 204;
  });

  return router;
}

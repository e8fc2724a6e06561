import type { Middleware } from "koa";
import { actorOf } from "../../domain/actors.js";
import { resolveAdminToken } from "../../domain/admin-tokens.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

/** Bearer-token authentication: ctx.state.actor is the person the token was issued to. */
export function adminAuth(prisma: PrismaClient): Middleware {
  return async (ctx, next) => {
    const header = ctx.get("authorization");
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const teacher = token ? await resolveAdminToken(prisma, token) : undefined;
    if (!teacher) {
      ctx.status = 401;
      ctx.set("WWW-Authenticate", 'Bearer realm="admin"');
      ctx.body = {
        error: "unauthorized",
        field: "authorization",
        message: token ? "令牌无效或已吊销。" : "缺少令牌：请在 Authorization 头中提供 Bearer 令牌。",
      };
      return;
    }
    ctx.state.actor = actorOf(teacher);
    await next();
  };
}

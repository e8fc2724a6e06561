import type { Middleware } from "koa";
import { actorOf } from "../../domain/actors.js";
import { resolveAdminToken } from "../../domain/admin-tokens.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

const REFUSALS = {
  missing: "缺少令牌：请在 Authorization 头中提供 Bearer 令牌。",
  unknown: "令牌无效或已吊销。",
  expired: "令牌已过期：请让区域管理员签发新令牌。",
};

/** Bearer-token authentication: ctx.state.actor is the person the token was issued to. */
export function adminAuth(prisma: PrismaClient, now: () => Date): Middleware {
  return async (ctx, next) => {
    const header = ctx.get("authorization");
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const resolved = token ? await resolveAdminToken(prisma, token, now()) : undefined;
    if (!resolved?.ok) {
      ctx.status = 401;
      ctx.set("WWW-Authenticate", 'Bearer realm="admin"');
      ctx.body = { error: "unauthorized", field: "authorization", message: REFUSALS[resolved?.reason ?? "missing"] };
      return;
    }
    ctx.state.actor = actorOf(resolved.teacher);
    await next();
  };
}

import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";
import type { Logger } from "../logger.js";
import { runWithRequestId } from "../request-context.js";

const acceptableIncomingId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (reusing a sane X-Request-Id from a proxy), echoes it in the response and puts
 * it on every log line written while the request is handled.
 */
export function requestId(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get("x-request-id");
    const id = acceptableIncomingId.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.set("X-Request-Id", id);
    const started = performance.now();
    await runWithRequestId(id, async () => {
      try {
        await next();
      } finally {
        logger.info(
          { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) },
          "request",
        );
      }
    });
  };
}

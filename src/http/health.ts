import Router from "@koa/router";
import type { Logger } from "../logger.js";

export type ReadinessCheck = { name: string; check: () => Promise<void> };

const CHECK_TIMEOUT_MS = 2_000;

class CheckTimedOut extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "CheckTimedOut";
  }
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimedOut(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * /healthz says the process is alive; /readyz says whether it can do useful work right now. /readyz is
 * public, so it names what is down and only a word for why ("timeout" or "unreachable"): a driver's message
 * can carry host names, user names or versions, and goes to the log instead.
 */
export function healthRoutes(checks: ReadinessCheck[], logger: Logger): Router {
  const router = new Router();
  router.get("/healthz", (ctx) => {
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async (ctx) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return { name, ok: true, detail: "ok" };
        } catch (error) {
          logger.warn({ check: name, err: error }, "readiness check failed");
          return { name, ok: false, detail: error instanceof CheckTimedOut ? "timeout" : "unreachable" };
        }
      }),
    );
    const down = results.filter((result) => !result.ok).map((result) => result.name);
    ctx.status = down.length === 0 ? 200 : 503;
    ctx.body = {
      status: down.length === 0 ? "ready" : "unavailable",
      ...(down.length > 0 ? { down } : {}),
      checks: Object.fromEntries(results.map((result) => [result.name, result.detail])),
    };
  });
  return router;
}

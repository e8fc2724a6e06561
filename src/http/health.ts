import Router from "@koa/router";

export type ReadinessCheck = { name: string; check: () => Promise<void> };

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** /healthz says the process is alive; /readyz says whether it can do useful work right now. */
export function healthRoutes(checks: ReadinessCheck[]): Router {
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
          return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
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

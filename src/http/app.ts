import type Router from "@koa/router";
import Koa from "koa";
import type { Logger } from "../logger.js";
import { errorHandler } from "./error-handler.js";
import { healthRoutes, type ReadinessCheck } from "./health.js";
import { requestId } from "./request-id.js";

export type AppDependencies = {
  logger: Logger;
  readinessChecks: ReadinessCheck[];
  /** Feature routers (admin API, platform callbacks) mounted after the health routes. */
  routers?: Router[];
};

/** Builds the Koa application without listening, so tests drive app.callback() directly. */
export function buildApp(deps: AppDependencies): Koa {
  const app = new Koa();
  app.proxy = true;
  // Errors are answered and logged by errorHandler; Koa's default handler would print them a second time.
  app.silent = true;
  app.use(requestId(deps.logger));
  app.use(errorHandler(deps.logger));
  for (const router of [healthRoutes(deps.readinessChecks, deps.logger), ...(deps.routers ?? [])]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}

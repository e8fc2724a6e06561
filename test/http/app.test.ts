import Router from "@koa/router";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildApp } from "../../src/http/app.js";
import type { ReadinessCheck } from "../../src/http/health.js";
import { readBody } from "../../src/http/read-body.js";
import { capturingLogger } from "../support/logger.js";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(checks: ReadinessCheck[], routers: Router[] = []) {
  const captured = capturingLogger();
  const app = buildApp({ logger: captured.logger, readinessChecks: checks, routers });
  server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, lines: captured.lines };
}

const healthy: ReadinessCheck = { name: "database", check: async () => undefined };

describe("health endpoints", () => {
  it("/healthz answers 200 while the process is alive", async () => {
    const { base } = await serve([{ name: "database", check: async () => Promise.reject(new Error("down")) }]);
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 when every dependency answers", async () => {
    const { base } = await serve([healthy, { name: "redis", check: async () => undefined }]);
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
  });

  it("/readyz answers 503 naming what is down, including a dependency that hangs, without the driver's message", async () => {
    const driverMessage = 'password authentication failed for user "jj_prod" at db-7.internal:5432 (PostgreSQL 16.2)';
    const { base, lines } = await serve([
      healthy,
      { name: "redis", check: () => new Promise<void>(() => undefined) },
      { name: "queue", check: async () => Promise.reject(new Error(driverMessage)) },
    ]);
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).not.toMatch(/jj_prod|internal|5432|PostgreSQL|password/);
    expect(JSON.parse(text)).toEqual({ status: "unavailable", down: ["redis", "queue"], checks: { database: "ok", redis: "timeout", queue: "unreachable" } });
    // The operator still finds the reason, in the log.
    const logged = lines().filter((line) => line.msg === "readiness check failed") as { check: string; err: { message: string } }[];
    expect(logged.map((line) => [line.check, line.err.message])).toEqual(
      expect.arrayContaining([["queue", driverMessage], ["redis", "no answer within 2000 ms"]]),
    );
  });
});

describe("request ids and errors", () => {
  it("gives each request an id, echoes it, and puts it on log lines written while handling it", async () => {
    const router = new Router();
    const { logger, lines } = capturingLogger();
    router.get("/work", async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.info("deep inside a handler");
      ctx.body = { done: true };
    });
    const { base } = await serve([healthy], [router]);
    const first = await fetch(`${base}/work`);
    const second = await fetch(`${base}/work`, { headers: { "X-Request-Id": "from-proxy-42" } });
    const firstId = first.headers.get("x-request-id");
    expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get("x-request-id")).toBe("from-proxy-42");
    const handlerLines = lines().filter((line) => line.msg === "deep inside a handler");
    expect(handlerLines.map((line) => line.requestId)).toEqual([firstId, "from-proxy-42"]);
  });

  it("replaces an unsafe incoming request id instead of echoing it", async () => {
    const { base } = await serve([healthy]);
    const response = await fetch(`${base}/healthz`, { headers: { "X-Request-Id": "<script>alert(1)</script>" } });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers an unexpected error with JSON and the request id, never the stack", async () => {
    const router = new Router();
    router.get("/boom", () => {
      throw new Error("secret internals at /srv/app/src/domain/ledger.ts:42");
    });
    const { base, lines } = await serve([healthy], [router]);
    const response = await fetch(`${base}/boom`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/secret internals|ledger\.ts|at /);
    const body = JSON.parse(text) as { error: string; requestId: string };
    expect(body.error).toBe("internal");
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
    const logged = lines().find((line) => line.msg === "unhandled error") as { err: { stack: string } };
    expect(logged.err.stack).toMatch(/secret internals/);
  });

  it("keeps a client error's message and status", async () => {
    const router = new Router();
    router.get("/teachers/:id", (ctx) => ctx.throw(422, "工号格式不对", { code: "invalid_employee_number" }));
    const { base } = await serve([healthy], [router]);
    const response = await fetch(`${base}/teachers/x`);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: "invalid_employee_number", message: "工号格式不对" });
  });

  it("notes a client that hangs up mid-body as a 499 at debug level, not as a 500 with a stack", async () => {
    const router = new Router();
    router.post("/upload", async (ctx) => {
      ctx.body = { bytes: (await readBody(ctx, 64 * 1024)).length };
    });
    const { base, lines } = await serve([healthy], [router]);
    const { port } = new URL(base);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n<xml><Encrypt>abc");
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on("close", () => resolve());
    });
    await vi.waitFor(() => expect(lines().find((line) => line.msg === "request")).toBeDefined());
    expect(lines().find((line) => line.msg === "request")).toMatchObject({ path: "/upload", status: 499 });
    expect(lines().filter((line) => (line.level as number) >= 50)).toEqual([]);
  });

  it("answers unknown paths with a JSON 404", async () => {
    const { base } = await serve([healthy]);
    const response = await fetch(`${base}/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toBe("not_found");
  });
});

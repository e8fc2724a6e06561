import Koa from "koa";
import { describe, expect, it } from "vitest";
import { startServer } from "../../src/http/server.js";

describe("graceful close", () => {
  it("lets an in-flight request finish, then refuses new connections", async () => {
    const app = new Koa();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    app.use(async (ctx) => {
      await gate;
      ctx.body = "finished";
    });
    const server = await startServer(app, "127.0.0.1", 0);
    const inFlight = fetch(`${server.url}/slow`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = server.close(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${server.url}/new`)).rejects.toThrow();
    release();
    expect(await inFlight).toBe("finished");
    await closing;
  });

  it("cuts requests that outlive the grace period", async () => {
    const app = new Koa();
    app.use(() => new Promise<void>(() => undefined));
    const server = await startServer(app, "127.0.0.1", 0);
    const hung = fetch(`${server.url}/hang`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await hung).toBeInstanceOf(Error);
  });
});

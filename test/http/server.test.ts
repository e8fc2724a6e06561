import Koa from "koa";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { readBody } from "../../src/http/read-body.js";
import { DEFAULT_HTTP_LIMITS, startServer } from "../../src/http/server.js";

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

/** Sends `head` at once, then one byte of body every `everyMs`; resolves with what the server wrote and when it closed. */
function trickle(url: string, head: string, everyMs: number): Promise<{ answer: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname, () => socket.write(head));
    const drip = setInterval(() => socket.writable && socket.write("x"), everyMs);
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(drip);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

describe("request limits", () => {
  const echoBody = () => {
    const app = new Koa();
    app.use(async (ctx) => {
      ctx.body = { bytes: (await readBody(ctx, 1024 * 1024)).length };
    });
    return app;
  };

  it("answers 408 and closes a connection whose body trickles in past the request timeout", async () => {
    const server = await startServer(echoBody(), "127.0.0.1", 0, { requestTimeoutMs: 600, headersTimeoutMs: 600 });
    try {
      const head = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
      const { answer, closedAfterMs } = await trickle(server.url, head, 50);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(closedAfterMs).toBeLessThan(2_500);
    } finally {
      await server.close(100);
    }
  });

  it("closes a connection whose headers never finish", async () => {
    const server = await startServer(echoBody(), "127.0.0.1", 0, { requestTimeoutMs: 600, headersTimeoutMs: 300 });
    try {
      const { answer, closedAfterMs } = await trickle(server.url, "POST /upload HTTP/1.1\r\nHost: x\r\nX-Slow: ", 50);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(closedAfterMs).toBeLessThan(2_000);
    } finally {
      await server.close(100);
    }
  });

  it("still takes a body that arrives within the limit, and defaults to 30 s for a whole request", async () => {
    const server = await startServer(echoBody(), "127.0.0.1", 0, { requestTimeoutMs: 2_000, headersTimeoutMs: 2_000 });
    try {
      const response = await fetch(`${server.url}/upload`, { method: "POST", body: "y".repeat(200_000) });
      expect(await response.json()).toEqual({ bytes: 200_000 });
    } finally {
      await server.close(100);
    }
    expect(DEFAULT_HTTP_LIMITS.requestTimeoutMs).toBe(30_000);
  });
});

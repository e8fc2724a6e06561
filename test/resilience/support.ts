import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import type Koa from "koa";
import { Prisma, type PrismaClient } from "../../src/generated/prisma/client.js";
import { createHttpServer, type HttpLimits } from "../../src/http/server.js";

/** Row count of every table the schema defines (every Prisma model), keyed by model name. */
export async function countRows(prisma: PrismaClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (prisma as unknown as Record<string, { count(): Promise<number> }>)[model.charAt(0).toLowerCase() + model.slice(1)];
    counts[model] = await delegate!.count();
  }
  return counts;
}

/** Runs `work` over `items` with at most `limit` in flight; resolves with the results in order. */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

export type Served = { base: string; port: number; agent: http.Agent; close(): Promise<void> };

/** Serves the app as production does (same request limits) on a loopback port, with a keep-alive agent for the load generator. */
export async function serveOnLoopback(app: Koa, limits: Partial<HttpLimits> = {}): Promise<Served> {
  const server = createHttpServer(app, limits);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    agent,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type RawResponse = { status: number; text: string } | { status: 0; error: string };

/** Bodies above this go on a connection of their own, closed after the exchange. */
const LARGE_BODY_BYTES = 64 * 1024;

/**
 * One HTTP request with node:http, so any method, header and body — even ones fetch refuses to send —
 * reach the server. A connection reset or a socket hang-up comes back as status 0 with the error. A large
 * body is written in chunks on a connection of its own and writing stops as soon as the server answers (as
 * a real client would when refused early), so an early 413 is seen as a 413, not as a reset.
 */
export function rawRequest(
  served: Served,
  request: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, "utf8");
    const large = body !== undefined && body.length > LARGE_BODY_BYTES;
    let answered = false;
    let req: http.ClientRequest;
    try {
      req = http.request(
        {
          host: "127.0.0.1",
          port: served.port,
          agent: large ? false : served.agent,
          method: request.method,
          path: request.path,
          headers: { ...(request.headers ?? {}), ...(large ? { connection: "close", "content-length": String(body.length) } : {}) },
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", (error) => resolve({ status: res.statusCode ?? 0, text: `(response cut: ${String(error)})` }));
        },
      );
    } catch (error) {
      resolve({ status: 0, error: `client refused to send: ${String(error)}` });
      return;
    }
    req.on("error", (error) => {
      if (!answered) resolve({ status: 0, error: String(error) });
    });
    if (!large) {
      if (body !== undefined) req.write(body);
      req.end();
      return;
    }
    let offset = 0;
    const pump = () => {
      while (!answered && offset < body.length) {
        const chunk = body.subarray(offset, offset + 16 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Raw request head: node:http would refuse to send a body shorter than its content-length. */
const requestHead = (method: string, path: string, headers: Record<string, string>) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;

/** Sends the head and the first `sentBytes` of a body announced as `declaredBytes`, then destroys the socket. */
export function abortMidBody(served: Served, request: { path: string; headers: Record<string, string>; declaredBytes: number; sent: string }): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(served.port, "127.0.0.1", () => {
      socket.write(requestHead("POST", request.path, { ...request.headers, "content-length": String(request.declaredBytes) }) + request.sent);
      setTimeout(() => socket.destroy(), 20);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => resolve());
  });
}

/**
 * Sends the head at once, then one byte of body every `everyMs` (never finishing); resolves with what the
 * server wrote and how long it kept the connection, or gives up after `giveUpMs`.
 */
export function trickleBody(
  port: number,
  request: { path: string; headers: Record<string, string>; everyMs: number; giveUpMs: number },
): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1", () => socket.write(requestHead("POST", request.path, { ...request.headers, "content-length": "60000" })));
    const drip = setInterval(() => socket.writable && socket.write("x"), request.everyMs);
    const giveUp = setTimeout(() => socket.destroy(), request.giveUpMs);
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

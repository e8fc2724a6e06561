import net from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCoordination } from "../../src/coordination/index.js";
import { redisUrl, uniqueRedisPrefix } from "../support/services.js";
import { recordingLogger, type LogLine } from "./harness.js";
import { deleteKeysWithPrefix } from "./redis-keys.js";
import { TcpProxy } from "./tcp-proxy.js";

async function measure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const startedAt = Date.now();
  try {
    await work();
    return { error: undefined, ms: Date.now() - startedAt };
  } catch (error) {
    return { error, ms: Date.now() - startedAt };
  }
}

/** A port nothing listens on: bound once by the OS for us, then released. */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never answers, like a hung Redis or a silent network partition. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("Redis coordination facing a Redis that hangs", () => {
  it("reports not ready within about a second, and fails commands instead of hanging them", async () => {
    const hung = await silentServer();
    const coordination = createCoordination({
      redis: { url: `redis://127.0.0.1:${hung.port}`, keyPrefix: "never-written:" },
    });
    try {
      const ping = await measure(() => coordination.ping());
      expect(String(ping.error)).toMatch(/Redis is unreachable: no answer within 1000 ms/);
      expect(ping.ms).toBeLessThan(1_500);
      const claim = await measure(() => coordination.dedup.claim("msg", 60));
      expect(claim.error).toBeInstanceOf(Error);
      expect(claim.ms).toBeLessThan(3_000);
    } finally {
      await coordination.close();
      await hung.close();
    }
  });
});

describe.skipIf(!redisUrl)("Redis coordination when Redis goes away", () => {
  const filePrefix = uniqueRedisPrefix("coordination-outage");
  let admin: Redis;

  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(admin, filePrefix);
    await admin.quit();
  });

  it("starts without Redis, reports not ready within about a second, and closes promptly", async () => {
    const logs: LogLine[] = [];
    const coordination = createCoordination({
      redis: { url: `redis://127.0.0.1:${await unusedPort()}`, keyPrefix: filePrefix },
      logger: recordingLogger(logs),
    });
    const ping = await measure(() => coordination.ping());
    expect(String(ping.error)).toMatch(/Redis is unreachable/);
    expect(ping.ms).toBeLessThan(1_500);
    const claim = await measure(() => coordination.dedup.claim("msg", 60));
    expect(claim.error).toBeInstanceOf(Error);
    expect(claim.ms).toBeLessThan(3_000);
    expect(logs.filter((line) => line.message.startsWith("Redis connection failed"))).toHaveLength(1);
    const close = await measure(() => coordination.close());
    expect(close.error).toBeUndefined();
    expect(close.ms).toBeLessThan(1_000);
  });

  it("fails fast during an outage, without crashing, and recovers by itself when Redis is back", async () => {
    const { hostname, port } = new URL(redisUrl!);
    const proxy = new TcpProxy({ host: hostname, port: Number(port) || 6379 });
    await proxy.start();
    const logs: LogLine[] = [];
    const coordination = createCoordination({
      redis: { url: `redis://127.0.0.1:${proxy.port}`, keyPrefix: `${filePrefix}proxy:` },
      logger: recordingLogger(logs),
    });
    const processed: number[] = [];
    const queue = coordination.queue<{ n: number }>("deliveries");
    queue.process(async (job) => {
      processed.push(job.data.n);
    });
    try {
      await coordination.ping();
      expect(await coordination.dedup.claim("before", 60)).toBe(true);
      await queue.add("send", { n: 1 });
      await vi.waitFor(() => expect(processed).toEqual([1]), { timeout: 5_000 });

      await proxy.stop();
      const ping = await measure(() => coordination.ping());
      expect(String(ping.error)).toMatch(/Redis is unreachable/);
      expect(ping.ms).toBeLessThan(1_500);
      const claim = await measure(() => coordination.dedup.claim("during", 60));
      expect(claim.error).toBeInstanceOf(Error);
      expect(claim.ms).toBeLessThan(3_000);

      await proxy.start();
      await vi.waitFor(() => coordination.ping(), { timeout: 10_000, interval: 200 });
      expect(await coordination.dedup.claim("after", 60)).toBe(true);
      expect(await coordination.dedup.claim("before", 60)).toBe(false);
      await queue.add("send", { n: 2 });
      await vi.waitFor(() => expect(processed).toEqual([1, 2]), { timeout: 10_000 });
      expect(logs.some((line) => line.message === "Redis connection restored")).toBe(true);
    } finally {
      await coordination.close();
      await proxy.stop();
    }
  });
});

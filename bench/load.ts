import http from "node:http";
import { performance } from "node:perf_hooks";

/**
 * A small keep-alive HTTP load generator for loopback targets only. Requests are built before the clock
 * starts (encryption and signing are the client's work, not the server's), so the generator spends its
 * time on sockets. Two shapes: closed loop (N requests in flight, as fast as the server answers, fixed
 * duration) and open loop (requests released on a fixed schedule whatever the server does, latency counted
 * from the scheduled time so a stalled server cannot hide its queue — no coordinated omission).
 */

export type PreparedRequest = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };
/** Resolves true when the answer is the one expected; `completion` may wait for more than the HTTP reply. */
export type Check = (status: number, body: string, request: PreparedRequest, index: number) => boolean | Promise<boolean>;

export type LoadResult = { requests: number; ok: number; failed: number; seconds: number; rate: number; p50: number; p99: number; max: number };

export function assertLoopback(base: string): URL {
  const url = new URL(base);
  if (url.hostname !== "127.0.0.1") throw new Error(`the load generator only targets 127.0.0.1 (got ${url.hostname})`);
  return url;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

function summarize(latencies: number[], ok: number, failed: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const requests = ok + failed;
  return { requests, ok, failed, seconds, rate: ok / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? Number.NaN };
}

function send(agent: http.Agent, base: URL, request: PreparedRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, method: request.method, path: request.path, headers: { ...request.headers, ...(request.body === undefined ? {} : { "content-length": Buffer.byteLength(request.body) }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(request.body);
  });
}

async function one(agent: http.Agent, base: URL, request: PreparedRequest, index: number, check: Check): Promise<boolean> {
  try {
    const { status, body } = await send(agent, base, request);
    return await check(status, body, request, index);
  } catch {
    return false;
  }
}

/** `concurrency` requests in flight until `durationMs` passes or the prepared requests run out. */
export async function closedLoop(baseUrl: string, requests: readonly PreparedRequest[], options: { concurrency: number; durationMs: number; check: Check }): Promise<LoadResult> {
  const base = assertLoopback(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + Math.min(options.durationMs, 10_000);
  const worker = async () => {
    while (performance.now() < deadline && next < requests.length) {
      const index = next++;
      const sentAt = performance.now();
      const good = await one(agent, base, requests[index] as PreparedRequest, index, options.check);
      latencies.push(performance.now() - sentAt);
      if (good) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summarize(latencies, ok, failed, seconds);
}

/** One request every 1/`ratePerSecond` s for `durationMs`, each timed from its scheduled start. */
export async function openLoop(baseUrl: string, requests: readonly PreparedRequest[], options: { ratePerSecond: number; durationMs: number; check: Check }): Promise<LoadResult> {
  const base = assertLoopback(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.min(requests.length, Math.floor((options.ratePerSecond * Math.min(options.durationMs, 10_000)) / 1000));
  const interval = 1000 / options.ratePerSecond;
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let index = 0; index < total; index++) {
    const scheduled = started + index * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      one(agent, base, requests[index] as PreparedRequest, index, options.check).then((good) => {
        latencies.push(performance.now() - scheduled);
        if (good) ok++;
        else failed++;
      }),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summarize(latencies, ok, failed, seconds);
}

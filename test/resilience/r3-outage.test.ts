import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WecomOutboundSender } from "../../src/channels/wecom/outbound-sender.js";
import { WecomSenders } from "../../src/channels/wecom/send/senders.js";
import { createCoordination, type Coordination } from "../../src/coordination/index.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { createNotice } from "../../src/domain/notices.js";
import { buildApp } from "../../src/http/app.js";
import { outboxKick } from "../../src/jobs/outbox/kick.js";
import type { OutboxWorkerOptions } from "../../src/jobs/outbox/options.js";
import { startOutboxWorker, type OutboxWorker } from "../../src/jobs/outbox/worker.js";
import { deleteKeysWithPrefix } from "../coordination/redis-keys.js";
import { TcpProxy } from "../coordination/tcp-proxy.js";
import { eventually, startFakeWecom, type FakeWecom } from "../support/fake-wecom.js";
import { capturingLogger } from "../support/logger.js";
import { postgresUrl, redisUrl, uniqueRedisPrefix } from "../support/services.js";
import { rawRequest, serveOnLoopback, type Served } from "./support.js";
import { CORP_ID, WECOM_SECRET } from "./world.js";
import { testSecretBox } from "../support/secrets.js";

const GROUPS = 150;
const WEBHOOK = "/cgi-bin/webhook/send";
/** How long Redis stays unreachable. */
const OUTAGE_MS = 3_000;
/** Each webhook answer is held this long, so the broadcast is still under way when the faults hit. */
const WEBHOOK_LATENCY_MS = 50;
/** Production defaults, with the times scaled down so recovery fits in a test: 8 tries spread over ~7 s (> OUTAGE_MS). */
const OPTIONS: Partial<OutboxWorkerOptions> = { maxAttempts: 8, retryBaseMs: 250, retryMaxMs: 1_200, leaseMs: 3_000, reconcileEveryMs: 500, concurrency: 4, batchSize: 100 };

type Readiness = { status: number; body: { status?: string; down?: string[]; checks?: Record<string, string> } };

/**
 * R3 — infrastructure faults during a broadcast. The service as main.ts wires it (outbox worker, readiness
 * checks for the database and Redis, the app on loopback) with Redis reached through a TCP proxy and its
 * PostgreSQL pool tagged with an application_name of its own. Mid-broadcast the proxy is cut (Redis gone:
 * the rate limiter, the queue and BullMQ's worker all lose their connections) and every PostgreSQL backend
 * of this pool is terminated by the server; /readyz must say so while it lasts, and once Redis is back every
 * group must have received the notice exactly once.
 */
describe.skipIf(!postgresUrl || !redisUrl)("R3 Redis outage and dropped PostgreSQL connections during a broadcast", () => {
  const applicationName = `r3-outage-${randomBytes(4).toString("hex")}`;
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const keyPrefix = uniqueRedisPrefix("resilience-r3");
  const robotKeys: string[] = [];
  const log = capturingLogger();
  let admin: pg.Client;
  let database: Database;
  let redisProxy: TcpProxy;
  let coordination: Coordination;
  let fake: FakeWecom;
  let slowFront: http.Server;
  let worker: OutboxWorker | undefined;
  let served: Served;
  let regionId: string;
  let redisDown = false;
  let authorId: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const url = new URL(postgresUrl!);
    url.searchParams.set("application_name", applicationName);
    database = await openDatabase({ kind: "postgres", url: url.toString(), schema }, (error) =>
      log.logger.warn({ err: error }, "database connection lost; the pool will reconnect"),
    );
    await database.migrate();
    await loadDemoData(database.prisma, "2026-11-23");
    const region = await database.prisma.region.update({ where: { code: "demo-bozhou" }, data: { quietHoursStart: "00:00", quietHoursEnd: "00:00" } });
    regionId = region.id;
    authorId = (await database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "A0001" } })).id;

    const { hostname, port } = new URL(redisUrl!);
    redisProxy = new TcpProxy({ host: hostname, port: Number(port) || 6379 });
    await redisProxy.start();
    coordination = createCoordination({ redis: { url: `redis://127.0.0.1:${redisProxy.port}`, keyPrefix }, logger: log.logger });

    fake = await startFakeWecom({ corpId: CORP_ID, secret: WECOM_SECRET, robotKeys });
    slowFront = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        await new Promise((resolve) => setTimeout(resolve, WEBHOOK_LATENCY_MS));
        const forwarded = await fetch(`${fake.base}${req.url}`, { method: req.method ?? "GET", ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
        res.writeHead(forwarded.status, { "content-type": "application/json" }).end(await forwarded.text());
      });
    });
    await new Promise<void>((resolve) => slowFront.listen(0, "127.0.0.1", resolve));

    const app = buildApp({
      logger: log.logger,
      readinessChecks: [
        { name: "database", check: () => database.ping() },
        { name: "redis", check: () => coordination.ping() },
      ],
    });
    served = await serveOnLoopback(app);
  });

  afterAll(async () => {
    // A failure mid-outage must not leave BullMQ waiting for a Redis that never comes back.
    if (redisDown) await redisProxy.start();
    await worker?.close();
    await served?.close();
    await coordination?.close();
    await redisProxy?.stop();
    if (slowFront) await new Promise<void>((resolve) => slowFront.close(() => resolve()));
    await fake?.close();
    // database.close() gives up on a connection a killed transaction never returned (see src/db/database.ts).
    await database?.close();
    if (admin) {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
    const redis = new Redis(redisUrl!);
    await deleteKeysWithPrefix(redis, keyPrefix);
    await redis.quit();
  });

  const readyz = async (): Promise<Readiness> => {
    const answer = await rawRequest(served, { method: "GET", path: "/readyz" });
    return "text" in answer ? { status: answer.status, body: JSON.parse(answer.text) as Readiness["body"] } : { status: 0, body: {} };
  };
  /** Read on the test's own connection, so the app's pool (whose backends get killed) is never the observer. */
  const statuses = async (noticeId: string): Promise<Record<string, number>> => {
    const { rows } = await admin.query<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM "${schema}"."Delivery" WHERE "noticeId" = $1 GROUP BY status`,
      [noticeId],
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  };
  const deliveredPerKey = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const request of fake.delivered(WEBHOOK)) counts.set(request.query.key ?? "", (counts.get(request.query.key ?? "") ?? 0) + 1);
    return counts;
  };
  /** Terminates this pool's PostgreSQL backends (and no other suite's); resolves to how many. */
  const terminateOurBackends = async (): Promise<number> => {
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
      [applicationName],
    );
    for (const { pid } of rows) await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    return rows.length;
  };

  it(`redis-outage + pg-connections-dropped mid-broadcast: ${GROUPS} group deliveries, Redis cut for ${OUTAGE_MS / 1000} s → /readyz 503 "redis" during it, every group sent exactly once after`, async () => {
    expect(await readyz()).toMatchObject({ status: 200, body: { status: "ready" } });

    const batch = randomBytes(4).toString("hex");
    const groupRows = Array.from({ length: GROUPS }, (_, index) => {
      const robotKey = `robot-r3-${batch}-${String(index).padStart(3, "0")}`;
      robotKeys.push(robotKey);
      return { platform: "wecom" as const, chatId: `chat-r3-${batch}-${index}`, name: `R3 群 ${index}`, regionId, status: "approved" as const, delivery: { robotKey } };
    });
    await database.prisma.chatGroup.createMany({ data: groupRows });
    const groups = await database.prisma.chatGroup.findMany({ where: { chatId: { startsWith: `chat-r3-${batch}-` } } });
    expect(groups).toHaveLength(GROUPS);

    const senders = new WecomSenders({
      apiBase: `http://127.0.0.1:${(slowFront.address() as AddressInfo).port}`,
      throttledRetryMs: 100,
      rateLimiter: coordination.rateLimiter,
      prisma: database.prisma,
      logger: log.logger,
      apps: new Map(),
      now: () => new Date(),
      secrets: testSecretBox(),
    });
    worker = startOutboxWorker({ prisma: database.prisma, coordination, senders: { wecom: new WecomOutboundSender(senders, []) }, logger: log.logger, options: OPTIONS });

    const notice = await createNotice(database.prisma, { regionId, authorId, text: "R3：周五下午3点开教研会。", target: "region", groupIds: groups.map((g) => g.id) }, new Date());
    await outboxKick(coordination, log.logger)();

    // Mid-broadcast: some sent, most still to go.
    await eventually(async () => ((await statuses(notice.id)).sent ?? 0) >= GROUPS / 5, 15_000);
    const backendsBefore = (await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1", [applicationName])).rows[0].n as number;
    expect(backendsBefore).toBeGreaterThan(0); // node-postgres honoured ?application_name=, so the kill below is aimed at this pool only

    const cutAt = Date.now();
    redisDown = true;
    await redisProxy.stop();
    const terminated = await terminateOurBackends();
    expect(terminated).toBeGreaterThan(0);
    const sentAtCut = (await statuses(notice.id)).sent ?? 0;

    // While Redis is away, /readyz says so (redis ping fails within ~1 s).
    const duringOutage: Readiness[] = [];
    while (Date.now() - cutAt < OUTAGE_MS) duringOutage.push(await readyz());
    expect(duringOutage.length).toBeGreaterThan(0);
    for (const answer of duringOutage) {
      expect(answer.status).toBe(503);
      expect(answer.body.status).toBe("unavailable");
      expect(answer.body.down).toContain("redis");
      expect(answer.body.checks?.redis).toMatch(/^(unreachable|timeout)$/);
    }
    const sentDuringOutage = ((await statuses(notice.id)).sent ?? 0) - sentAtCut;
    // Kill again just before Redis returns: connections opened during the outage are dropped too.
    await terminateOurBackends();

    await redisProxy.start();
    redisDown = false;
    const restoredAt = Date.now();
    await eventually(async () => (await readyz()).status === 200, 10_000);
    const readyAfterMs = Date.now() - restoredAt;
    await eventually(async () => (await statuses(notice.id)).sent === GROUPS, 25_000);
    const completedAfterMs = Date.now() - restoredAt;

    expect(await statuses(notice.id)).toEqual({ sent: GROUPS });
    const perKey = deliveredPerKey();
    // None lost, none duplicated: the fake accepted exactly one message for each group's robot.
    expect(groups.map((g) => perKey.get((g.delivery as { robotKey: string }).robotKey) ?? 0)).toEqual(groups.map(() => 1));
    expect(fake.delivered(WEBHOOK)).toHaveLength(GROUPS);
    expect(await readyz()).toMatchObject({ status: 200, body: { status: "ready" } });
    // The outage was seen and survived, not silently skipped.
    const lines = log.lines();
    expect(lines.some((line) => line.msg === "Redis connection restored")).toBe(true);
    const maxAttempts = (await admin.query(`SELECT max(attempts)::int AS n FROM "${schema}"."Delivery" WHERE "noticeId" = $1`, [notice.id])).rows[0].n as number;

    console.info(
      `[R3] ${GROUPS} deliveries; cut at ${sentAtCut} sent; Redis out ${OUTAGE_MS} ms, ${terminated} PostgreSQL backends terminated; ` +
        `${duringOutage.length} /readyz answers during it all 503 [redis]; ${sentDuringOutage} sent during the outage; ` +
        `/readyz 200 ${readyAfterMs} ms and all ${GROUPS} sent ${completedAfterMs} ms after Redis returned; max attempts ${maxAttempts}; 0 lost, 0 duplicated`,
    );
  }, 40_000);
});

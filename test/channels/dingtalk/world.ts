import { Redis } from "ioredis";
import { createBot } from "../../../src/bot/pipeline.js";
import { loadTemplates } from "../../../src/bot/templates.js";
import { createDingtalkChannel, type DingtalkChannel } from "../../../src/channels/dingtalk/index.js";
import type { StreamTiming } from "../../../src/channels/dingtalk/stream/supervisor.js";
import { loadConfig } from "../../../src/config.js";
import { createCoordination, type Coordination } from "../../../src/coordination/index.js";
import { loadDemoData } from "../../../src/domain/demo-data.js";
import { buildApp } from "../../../src/http/app.js";
import { deleteKeysWithPrefix } from "../../coordination/redis-keys.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../support/database.js";
import { startFakeDingtalkApi, type FakeDingtalkApi } from "../../support/fake-dingtalk-api.js";
import { startFakeStreamGateway, type FakeStreamGateway } from "../../support/fake-dingtalk-gateway.js";
import { serveApp } from "../../support/http.js";
import { capturingLogger } from "../../support/logger.js";
import { redisUrl, uniqueRedisPrefix } from "../../support/services.js";
import { testSecretBox } from "../../support/secrets.js";

export const CLIENT_ID = "dingtestclientid";
export const CLIENT_SECRET = "test-client-secret-0123456789";
/** What the demo bot answers T0003 李娜 about her balance. */
export const LINA_BALANCE = "61.5 / 90 学分";
/** What a group hears when 李娜 asks about her own credits there: the numbers go to her by direct message. */
export const LINA_PRIVATE_LINE = "李娜老师，你的学分情况已私信发给你";

/** Backoff short enough for tests, but with the same shape as in production. */
export const FAST_TIMING: StreamTiming = {
  backoff: { initialMs: 50, maxMs: 400 },
  silenceMs: 60_000,
  heartbeatMs: 60_000,
  stableAfterMs: 60_000,
};

export type DingtalkWorld = {
  database: TestDatabase;
  api: FakeDingtalkApi;
  gateway: FakeStreamGateway | undefined;
  channel: DingtalkChannel;
  /** The service's HTTP base URL (for /dingtalk/callback in HTTP mode). */
  base: string;
  coordination: Coordination;
  clock: { now: Date };
  logLines: () => Record<string, unknown>[];
  /** Another instance of the service on the same database, Redis prefix and fake DingTalk. */
  addInstance(): Promise<DingtalkChannel>;
  dispose(): Promise<void>;
};

/**
 * The service's DingTalk side against fake DingTalk servers: a real database with the demo region, real
 * Redis coordination when available (else in-process), the real bot and the channel as main.ts wires it.
 */
export async function startDingtalkWorld(options: {
  mode: "stream" | "http";
  secrets?: string;
  timing?: Partial<StreamTiming>;
}): Promise<DingtalkWorld> {
  const clock = { now: new Date("2026-11-23T02:00:00Z") };
  const database = await openTestDatabase(databaseKinds[0]!);
  await loadDemoData(database.prisma, "2026-11-23");
  const api = await startFakeDingtalkApi({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const gateway = options.mode === "stream" ? await startFakeStreamGateway({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }) : undefined;
  const log = capturingLogger();
  const keyPrefix = uniqueRedisPrefix("dingtalk");
  const openCoordination = () => createCoordination(redisUrl ? { redis: { url: redisUrl, keyPrefix } } : {});
  const config = loadConfig({
    DINGTALK_CLIENT_ID: CLIENT_ID,
    DINGTALK_CLIENT_SECRET: options.secrets ?? CLIENT_SECRET,
    DINGTALK_MODE: options.mode,
    DINGTALK_API_BASE: api.base,
    DINGTALK_OAPI_BASE: api.base,
    ...(gateway ? { DINGTALK_STREAM_GATEWAY: gateway.gatewayUrl } : {}),
  }).dingtalk!;
  const coordinations: Coordination[] = [];
  const channels: DingtalkChannel[] = [];
  const startInstance = async (coordination: Coordination) => {
    coordinations.push(coordination);
    const bot = createBot({ prisma: database.prisma, templates: loadTemplates(), now: () => clock.now, logger: log.logger, secrets: testSecretBox(), coordination });
    const channel = createDingtalkChannel({
      config,
      bot,
      coordination,
      prisma: database.prisma,
      logger: log.logger,
      now: () => clock.now,
      secrets: testSecretBox(),
      streamTiming: { ...FAST_TIMING, ...options.timing },
    });
    channels.push(channel);
    await channel.start();
    return channel;
  };
  const coordination = openCoordination();
  const channel = await startInstance(coordination);
  const served = await serveApp(buildApp({ logger: log.logger, readinessChecks: [], routers: channel.routers }));
  return {
    database,
    api,
    gateway,
    channel,
    base: served.base,
    coordination,
    clock,
    logLines: log.lines,
    addInstance: () => startInstance(openCoordination()),
    async dispose() {
      await Promise.all(channels.map((c) => c.close()));
      await served.close();
      await gateway?.close();
      await api.close();
      await Promise.all(coordinations.map((c) => c.close()));
      if (redisUrl) {
        const redis = new Redis(redisUrl);
        await deleteKeysWithPrefix(redis, keyPrefix);
        await redis.quit();
      }
      await database.dispose();
    },
  };
}

/** Log lines whose message contains `text`. */
export function linesContaining(lines: Record<string, unknown>[], text: string): Record<string, unknown>[] {
  return lines.filter((line) => String(line.msg).includes(text));
}

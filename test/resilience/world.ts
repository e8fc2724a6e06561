import { Redis } from "ioredis";
import type Koa from "koa";
import { createBot } from "../../src/bot/pipeline.js";
import { loadTemplates } from "../../src/bot/templates.js";
import { createDingtalkChannel, type DingtalkChannel } from "../../src/channels/dingtalk/index.js";
import { createWecomChannel, type WecomChannel } from "../../src/channels/wecom/index.js";
import { loadConfig, type WecomConfig } from "../../src/config.js";
import { createCoordination, type Coordination } from "../../src/coordination/index.js";
import { issueAdminToken } from "../../src/domain/admin-tokens.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { adminRouter } from "../../src/http/admin/router.js";
import { buildApp } from "../../src/http/app.js";
import { deleteKeysWithPrefix } from "../coordination/redis-keys.js";
import { openTestDatabase, type TestDatabase } from "../support/database.js";
import { startFakeDingtalkApi, type FakeDingtalkApi } from "../support/fake-dingtalk-api.js";
import type { CallbackSecrets } from "../support/fake-wecom-callbacks.js";
import { startFakeWecom, type FakeWecom } from "../support/fake-wecom.js";
import { capturingLogger } from "../support/logger.js";
import { redisUrl, uniqueRedisPrefix } from "../support/services.js";
import { serveOnLoopback, type Served } from "./support.js";
import { testSecretBox } from "../support/secrets.js";

export const CORP_ID = "wwresilience01";
export const WECOM_SECRET = "resilience-app-secret";
export const AIBOT: CallbackSecrets = { token: "ResilienceBotToken", encodingAesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", receiveId: "" };
export const APP = { token: "ResilienceAppToken", encodingAesKey: "kWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", receiveId: CORP_ID, agentId: "1000002" };
export const DINGTALK_CLIENT_ID = "dingresilienceclient";
export const DINGTALK_SECRET = "resilience-dingtalk-secret-0123";
/** The demo people with an admin-API token: region admin, school admins of S01/S02, reviewer (S01), teacher (S01). */
export const TOKEN_HOLDERS = ["A0001", "T0001", "T0006", "T0004", "T0002"] as const;

export type World = {
  database: TestDatabase;
  coordination: Coordination;
  keyPrefix: string;
  redis: Redis;
  wecom: WecomChannel;
  dingtalk: DingtalkChannel;
  fakeWecom: FakeWecom;
  fakeDingtalk: FakeDingtalkApi;
  /** The app `served` serves, to serve it again with other request limits. */
  app: Koa;
  served: Served;
  /** Teacher ids by 工号. */
  ids: Record<string, string>;
  /** Admin-API bearer tokens by 工号 (TOKEN_HOLDERS). */
  tokens: Record<string, string>;
  logLines: () => Record<string, unknown>[];
  dispose(): Promise<void>;
};

/**
 * The whole service in-process as main.ts wires it, on a real PostgreSQL schema and real Redis: the bot,
 * the WeCom channel (AI bot + self-built app), the DingTalk channel in HTTP mode and the admin API, all
 * behind one buildApp() served on a loopback port. Only WeCom's and DingTalk's servers are fakes.
 */
export async function startWorld(options: { replyBudgetMs?: number } = {}): Promise<World> {
  const now = () => new Date();
  const database = await openTestDatabase("postgres");
  await loadDemoData(database.prisma, "2026-11-23");
  const ids: Record<string, string> = {};
  for (const person of await database.prisma.teacher.findMany()) ids[person.employeeNumber] = person.id;
  const tokens: Record<string, string> = {};
  for (const who of TOKEN_HOLDERS) {
    tokens[who] = (await issueAdminToken(database.prisma, { teacherId: ids[who]!, label: "resilience", createdBy: "test" })).token;
  }
  const keyPrefix = uniqueRedisPrefix("resilience");
  const coordination = createCoordination({ redis: { url: redisUrl!, keyPrefix } });
  const redis = new Redis(redisUrl!);
  const fakeWecom = await startFakeWecom({ corpId: CORP_ID, secret: WECOM_SECRET });
  const fakeDingtalk = await startFakeDingtalkApi({ clientId: DINGTALK_CLIENT_ID, clientSecret: DINGTALK_SECRET });
  const config = loadConfig({
    WECOM_CORP_ID: CORP_ID,
    WECOM_AIBOT_TOKEN: AIBOT.token,
    WECOM_AIBOT_ENCODING_AES_KEY: AIBOT.encodingAesKey,
    WECOM_APP_TOKEN: APP.token,
    WECOM_APP_ENCODING_AES_KEY: APP.encodingAesKey,
    WECOM_APP_AGENT_ID: APP.agentId,
    WECOM_APP_SECRET: WECOM_SECRET,
    WECOM_API_BASE: fakeWecom.base,
    DINGTALK_CLIENT_ID: DINGTALK_CLIENT_ID,
    DINGTALK_CLIENT_SECRET: DINGTALK_SECRET,
    DINGTALK_MODE: "http",
    DINGTALK_API_BASE: fakeDingtalk.base,
    DINGTALK_OAPI_BASE: fakeDingtalk.base,
  });
  const log = capturingLogger();
  const bot = createBot({ prisma: database.prisma, templates: loadTemplates(), now, logger: log.logger, secrets: testSecretBox(), coordination });
  const wecom = createWecomChannel({
    config: config.wecom as WecomConfig,
    bot,
    coordination,
    prisma: database.prisma,
    logger: log.logger,
    secrets: testSecretBox(),
    replyBudgetMs: options.replyBudgetMs ?? 15_000,
  });
  const dingtalk = createDingtalkChannel({ config: config.dingtalk!, bot, coordination, prisma: database.prisma, logger: log.logger, now, secrets: testSecretBox() });
  await dingtalk.start();
  const app = buildApp({
    logger: log.logger,
    readinessChecks: [],
    routers: [...wecom.routers, ...dingtalk.routers, adminRouter({ prisma: database.prisma, now, secrets: testSecretBox() })],
  });
  const served = await serveOnLoopback(app);
  return {
    database,
    coordination,
    keyPrefix,
    redis,
    wecom,
    dingtalk,
    fakeWecom,
    fakeDingtalk,
    app,
    served,
    ids,
    tokens,
    logLines: log.lines,
    async dispose() {
      await served.close();
      await wecom.close();
      await dingtalk.close();
      await coordination.close();
      await deleteKeysWithPrefix(redis, keyPrefix);
      await redis.quit();
      await fakeWecom.close();
      await fakeDingtalk.close();
      await database.dispose();
    },
  };
}

/** How many Redis keys exist under `prefix` (SCAN, never KEYS). */
export async function countKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = "0";
  let count = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    count += keys.length;
    cursor = next;
  } while (cursor !== "0");
  return count;
}

import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { aiBotCallback, aiBotText, appCallback, appTextXml, openAiBotReply, verificationQuery, type CallbackSecrets } from "../../support/fake-wecom-callbacks.js";
import { eventually, startFakeWecom, type FakeWecom } from "../../support/fake-wecom.js";
import { demoDataDirWithCodes } from "../../support/bind-codes.js";
import { postgresUrl, redisUrl } from "../../support/services.js";
import { startService, type RunningService } from "../../support/service-process.js";

const CORP_ID = "wwe2ecorp";
const SECRET = "e2e-app-secret";
const AIBOT: CallbackSecrets = { token: "E2eBotToken", encodingAesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", receiveId: "" };
const APP = { token: "E2eAppToken", encodingAesKey: "kWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", receiveId: CORP_ID, agentId: "1000002" };
const nowSeconds = () => Math.floor(Date.now() / 1000);
const uniqueId = () => randomBytes(6).toString("hex");

function wecomEnvironment(fake: FakeWecom): Record<string, string> {
  return {
    WECOM_CORP_ID: CORP_ID,
    WECOM_AIBOT_TOKEN: AIBOT.token,
    WECOM_AIBOT_ENCODING_AES_KEY: AIBOT.encodingAesKey,
    WECOM_APP_TOKEN: APP.token,
    WECOM_APP_ENCODING_AES_KEY: APP.encodingAesKey,
    WECOM_APP_AGENT_ID: APP.agentId,
    WECOM_APP_SECRET: SECRET,
    WECOM_API_BASE: fake.base,
    WECOM_THROTTLED_RETRY_MS: "500",
  };
}

/** Posts an AI bot message as WeCom does; the same `callback` object can be sent again as a retry. */
async function postAiBot(service: RunningService, callback: { query: string; body: string }) {
  const response = await fetch(`${service.url}/wecom/aibot?${callback.query}`, { method: "POST", body: callback.body });
  return { status: response.status, text: await response.text() };
}

async function postApp(service: RunningService, from: string, content: string) {
  const xml = appTextXml({ corpId: CORP_ID, from, content, msgId: String(4_561_255_354_251_345_929n + BigInt(Date.now())), agentId: APP.agentId, createTime: nowSeconds() });
  const callback = appCallback(APP, xml, nowSeconds());
  const response = await fetch(`${service.url}/wecom/app?${callback.query}`, { method: "POST", body: callback.body });
  return { status: response.status, text: await response.text() };
}

const sentTo = (fake: FakeWecom, user: string) =>
  fake.delivered("/cgi-bin/message/send").filter((r) => (r.body as { touser: string }).touser === user);

describe("WeCom end to end: npm start (embedded mode) against a fake WeCom", () => {
  let dataDir: string | undefined;
  let fake: FakeWecom | undefined;
  afterAll(async () => {
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("verifies URLs, binds, answers three identical deliveries once with an encrypted stream, and answers the app via message/send", async () => {
    fake = await startFakeWecom({ corpId: CORP_ID, secret: SECRET });
    dataDir = await mkdtemp(path.join(os.tmpdir(), "jj-wecom-e2e-"));
    const codes = await demoDataDirWithCodes(dataDir, ["T0003", "T0004"]);
    const service = await startService({ DATA_DIR: dataDir, ...wecomEnvironment(fake) });
    try {
      const verified = await fetch(`${service.url}/wecom/aibot?${verificationQuery(AIBOT, "8342917465019283746", nowSeconds())}`);
      expect(verified.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await verified.text()).toBe("8342917465019283746");
      expect(await (await fetch(`${service.url}/wecom/app?${verificationQuery(APP, "1616140317555161061", nowSeconds())}`)).text()).toBe("1616140317555161061");

      const bind = await postAiBot(service, aiBotCallback(AIBOT, aiBotText({ msgid: uniqueId(), from: "wx-lina", content: `绑定 工号 T0003 验证码 ${codes.T0003}` }), nowSeconds()));
      expect(openAiBotReply(AIBOT, JSON.parse(bind.text)).stream?.content).toContain("绑定好了");

      const question = aiBotCallback(
        AIBOT,
        aiBotText({ msgid: uniqueId(), from: "wx-lina", chatid: "wrkE2eGroup", content: "@学分助手 我还差多少学分" }),
        nowSeconds(),
      );
      const deliveries = await Promise.all([1, 2, 3].map(() => postAiBot(service, question)));
      expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
      const answers = deliveries.filter((d) => d.text.length > 0);
      expect(answers).toHaveLength(1);
      const reply = openAiBotReply(AIBOT, JSON.parse(answers[0]!.text));
      expect(reply).toMatchObject({ msgtype: "stream", stream: { finish: true } });
      // A group hears one line without numbers; the answer reaches 李娜 alone, once, from the app.
      expect(reply.stream?.content).toBe("李娜老师，你的学分情况已私信发给你 📩");
      const privately = await eventually(() => sentTo(fake!, "wx-lina")[0]);
      expect(privately.body).toMatchObject({ touser: "wx-lina", agentid: 1000002, msgtype: "text" });
      expect((privately.body as { text: { content: string } }).text.content).toContain("61.5 / 90 学分");

      expect(await postApp(service, "liuyang", `绑定 工号 T0004 验证码 ${codes.T0004}`)).toEqual({ status: 200, text: "" });
      const message = await eventually(() => sentTo(fake!, "liuyang")[0]);
      expect(message.body).toEqual({ touser: "liuyang", agentid: 1000002, safe: 0, msgtype: "text", text: { content: expect.stringContaining("绑定好了") } });
      expect(sentTo(fake, "wx-lina")).toHaveLength(1);
      expect(fake.to("/cgi-bin/gettoken")).toHaveLength(1);
    } finally {
      expect(await service.stop()).toBe(0);
    }
  }, 60_000);
});

describe.skipIf(!postgresUrl || !redisUrl)("WeCom end to end: two instances sharing PostgreSQL and Redis", () => {
  // A database of its own: the service's Prisma client works in the public schema of DATABASE_URL.
  const databaseName = `e2e_wecom_${randomBytes(5).toString("hex")}`;
  let fake: FakeWecom | undefined;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  afterAll(async () => {
    await fake?.close();
    await admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  });

  it("fetch one token between them, refetch once on 40014, wait out 45009, and answer a message retried across instances once", async () => {
    fake = await startFakeWecom({ corpId: CORP_ID, secret: SECRET });
    await admin(`CREATE DATABASE "${databaseName}"`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${databaseName}`;
    const env = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `${databaseName}:`, ...wecomEnvironment(fake) };
    const first = await startService({ ...env, LOAD_DEMO_DATA: "always" });
    const second = await startService(env);
    try {
      await Promise.all([postApp(first, "zhaomin", "帮助"), postApp(second, "yangfan", "帮助")]);
      await eventually(() => sentTo(fake!, "zhaomin")[0] && sentTo(fake!, "yangfan")[0]);
      expect(fake.to("/cgi-bin/gettoken")).toHaveLength(1);

      fake.revokeTokens();
      await postApp(second, "zhaomin", "帮助");
      const afterRevoke = await eventually(() => sentTo(fake!, "zhaomin")[1]);
      expect(afterRevoke.query.access_token).toBe("fake-token-2");
      expect(fake.to("/cgi-bin/gettoken")).toHaveLength(2);
      expect(fake.to("/cgi-bin/message/send").filter((r) => r.errcode === 40014)).toHaveLength(1);

      fake.failNext("/cgi-bin/message/send", 45009);
      const throttledAt = Date.now();
      await postApp(first, "yangfan", "帮助");
      await eventually(() => sentTo(fake!, "yangfan")[1]);
      expect(Date.now() - throttledAt).toBeGreaterThanOrEqual(500);
      expect(fake.to("/cgi-bin/message/send").filter((r) => r.errcode === 45009)).toHaveLength(1);

      const question = aiBotCallback(AIBOT, aiBotText({ msgid: uniqueId(), from: "wx-stranger", content: "帮助" }), nowSeconds());
      const deliveries = await Promise.all([postAiBot(first, question), postAiBot(second, question), postAiBot(first, question)]);
      expect(deliveries.filter((d) => d.text.length > 0)).toHaveLength(1);
      expect(fake.to("/cgi-bin/gettoken")).toHaveLength(2);
    } finally {
      expect(await Promise.all([first.stop(), second.stop()])).toEqual([0, 0]);
    }
  }, 60_000);
});

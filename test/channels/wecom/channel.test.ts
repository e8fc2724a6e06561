import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../../src/bot/pipeline.js";
import { loadTemplates } from "../../../src/bot/templates.js";
import { createWecomChannel, type WecomChannel } from "../../../src/channels/wecom/index.js";
import { loadConfig, type WecomConfig } from "../../../src/config.js";
import { createCoordination, type Coordination } from "../../../src/coordination/index.js";
import { loadDemoData } from "../../../src/domain/demo-data.js";
import { buildApp } from "../../../src/http/app.js";
import { bindMessageFor } from "../../support/bind-codes.js";
import { openTestDatabase, type TestDatabase } from "../../support/database.js";
import {
  aiBotCallback,
  aiBotCallbackOf,
  aiBotText,
  appCallback,
  appTextXml,
  openAiBotReply,
  signedQuery,
  verificationQuery,
  type CallbackSecrets,
} from "../../support/fake-wecom-callbacks.js";
import { eventually, startFakeWecom, type FakeWecom } from "../../support/fake-wecom.js";
import { serveApp } from "../../support/http.js";
import { capturingLogger } from "../../support/logger.js";
import { postgresUrl, redisUrl, uniqueRedisPrefix } from "../../support/services.js";
import { testSecretBox } from "../../support/secrets.js";

const CORP_ID = "wwcorp0001";
const SECRET = "app-secret-0001";
const ROBOT_KEY = "robot-key-0001";
const AIBOT: CallbackSecrets = { token: "AiBotToken1", encodingAesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", receiveId: "" };
const APP = { token: "AppToken1", encodingAesKey: "kWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", receiveId: CORP_ID, agentId: "1000002" };
const nowSeconds = () => Math.floor(Date.now() / 1000);

type Sent = { status: number; text: string; requestId: string };

/** The bot's clock; bind codes are issued against it. */
const BOT_NOW = new Date("2026-11-23T02:00:00Z");

describe(`WeCom channel (${postgresUrl ? "PostgreSQL" : "embedded database"}, ${redisUrl ? "Redis" : "in-process"} coordination)`, () => {
  let database: TestDatabase;
  let coordination: Coordination;
  let slowCoordination: Coordination;
  let channel: WecomChannel;
  let fake: FakeWecom;
  let server: Awaited<ReturnType<typeof serveApp>>;
  const log = capturingLogger();

  beforeAll(async () => {
    fake = await startFakeWecom({ corpId: CORP_ID, secret: SECRET, robotKeys: [ROBOT_KEY] });
    database = await openTestDatabase(postgresUrl ? "postgres" : "embedded");
    await loadDemoData(database.prisma, "2026-11-23");
    const openCoordination = () => createCoordination(redisUrl ? { redis: { url: redisUrl, keyPrefix: uniqueRedisPrefix("wecom-channel") } } : {});
    coordination = openCoordination();
    // A second deployment of its own (each process runs one channel, one worker per queue).
    slowCoordination = openCoordination();
    const config = loadConfig({
      WECOM_CORP_ID: CORP_ID,
      WECOM_AIBOT_TOKEN: `RotatedAway1,${AIBOT.token}`,
      WECOM_AIBOT_ENCODING_AES_KEY: AIBOT.encodingAesKey,
      WECOM_APP_TOKEN: APP.token,
      WECOM_APP_ENCODING_AES_KEY: APP.encodingAesKey,
      WECOM_APP_AGENT_ID: APP.agentId,
      WECOM_APP_SECRET: SECRET,
      WECOM_API_BASE: fake.base,
      WECOM_THROTTLED_RETRY_MS: "300",
      WECOM_EXTRA_BOTS: JSON.stringify([{ kind: "aibot", name: "slow", token: AIBOT.token, encodingAesKey: AIBOT.encodingAesKey }]),
    }).wecom as WecomConfig;
    const bot = createBot({ prisma: database.prisma, templates: loadTemplates(), now: () => BOT_NOW, logger: log.logger, secrets: testSecretBox(), coordination });
    // The "slow" bot answers after the budget, so its answers must take the response_url path.
    const slowBot = { handle: async (...args: Parameters<typeof bot.handle>) => (await new Promise((r) => setTimeout(r, 80)), bot.handle(...args)) };
    channel = createWecomChannel({ config: { ...config, aiBots: config.aiBots.filter((b) => b.name === "") }, bot, coordination, prisma: database.prisma, logger: log.logger, secrets: testSecretBox(), replyBudgetMs: 1_500 });
    const slowChannel = createWecomChannel({
      config: { ...config, aiBots: config.aiBots.filter((b) => b.name === "slow"), apps: [] },
      bot: slowBot,
      coordination: slowCoordination,
      prisma: database.prisma,
      logger: log.logger,
      secrets: testSecretBox(),
      replyBudgetMs: 20,
    });
    server = await serveApp(buildApp({ logger: log.logger, readinessChecks: [], routers: [...channel.routers, ...slowChannel.routers] }));
  });

  afterAll(async () => {
    await server?.close();
    await channel?.close();
    await coordination?.close();
    await slowCoordination?.close();
    await database?.dispose();
    await fake?.close();
  });

  async function send(method: "GET" | "POST", path: string, query: string, body?: string): Promise<Sent> {
    const response = await fetch(`${server.base}${path}?${query}`, { method, ...(body === undefined ? {} : { body }) });
    return { status: response.status, text: await response.text(), requestId: response.headers.get("x-request-id") ?? "" };
  }

  const postAiBot = (payload: unknown, path = "/wecom/aibot") => {
    const callback = aiBotCallback(AIBOT, payload, nowSeconds());
    return send("POST", path, callback.query, callback.body);
  };
  const streamContent = (sent: Sent) => openAiBotReply(AIBOT, JSON.parse(sent.text)).stream?.content ?? "";
  const uniqueId = () => randomBytes(6).toString("hex");

  describe("AI bot", () => {
    it("verifies its URL: 200 with the bare plaintext", async () => {
      const sent = await send("GET", "/wecom/aibot", verificationQuery(AIBOT, "8342917465019283746", nowSeconds()));
      expect(sent).toMatchObject({ status: 200, text: "8342917465019283746" });
    });

    it("binds a teacher in a single chat and answers an @-question in a group with a finished, encrypted stream", async () => {
      const bound = await postAiBot(aiBotText({ msgid: uniqueId(), from: "wx-lina", content: await bindMessageFor(database.prisma, "T0003", BOT_NOW) }));
      expect(bound.status).toBe(200);
      expect(streamContent(bound)).toContain("绑定好了");

      const asked = await postAiBot(aiBotText({ msgid: uniqueId(), from: "wx-lina", chatid: "wrkSchool1", content: "@学分助手 我还差多少学分" }));
      const reply = openAiBotReply(AIBOT, JSON.parse(asked.text));
      expect(reply).toMatchObject({ msgtype: "stream", stream: { finish: true } });
      // A balance is personal: the group hears one line, the numbers go to 李娜 directly.
      expect(reply.stream?.content).toBe("李娜老师，你的学分情况已私信发给你 📩");
      const lina = await database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
      const direct = await database.prisma.delivery.findFirstOrThrow({ where: { teacherId: lina.id, platform: "wecom" } });
      expect(direct.content).toContain("61.5 / 90 学分");
      const group = await database.prisma.chatGroup.findUnique({ where: { platform_chatId: { platform: "wecom", chatId: "wrkSchool1" } } });
      expect(group?.schoolId).toBeTruthy();
    });

    it("answers three identical deliveries of one message once", async () => {
      const callback = aiBotCallback(AIBOT, aiBotText({ msgid: uniqueId(), from: "wx-lina", content: "帮助" }), nowSeconds());
      const sent = await Promise.all([1, 2, 3].map(() => send("POST", "/wecom/aibot", callback.query, callback.body)));
      expect(sent.map((s) => s.status)).toEqual([200, 200, 200]);
      expect(sent.filter((s) => s.text.length > 0)).toHaveLength(1);
    });

    it("repeats a finished stream's content when WeCom polls it, and acknowledges an unknown stream empty", async () => {
      const first = await postAiBot(aiBotText({ msgid: uniqueId(), from: "wx-lina", content: "帮助" }));
      const stream = openAiBotReply(AIBOT, JSON.parse(first.text)).stream!;
      const refreshed = await postAiBot({ msgid: uniqueId(), aibotid: "AIBOTID", chattype: "single", from: { userid: "wx-lina" }, msgtype: "stream", stream: { id: stream.id } });
      expect(openAiBotReply(AIBOT, JSON.parse(refreshed.text)).stream).toEqual({ id: stream.id, finish: true, content: stream.content });
      const unknown = await postAiBot({ msgtype: "stream", stream: { id: "not-ours" } });
      expect(unknown).toMatchObject({ status: 200, text: "" });
    });

    it("acknowledges a late answer empty and posts it once to the message's response_url", async () => {
      const msgid = uniqueId();
      const responseUrl = `${fake.base}/cgi-bin/aibot/response?response_code=${msgid}`;
      const sent = await postAiBot(aiBotText({ msgid, from: "wx-lina", chatid: "wrkSchool1", content: "@学分助手 我还差多少学分", responseUrl }), "/wecom/aibot/slow");
      expect(sent).toMatchObject({ status: 200, text: "" });
      const posted = await eventually(() => fake.to("/cgi-bin/aibot/response").find((r) => r.query.response_code === msgid));
      expect(posted.body).toMatchObject({ msgtype: "markdown", markdown: { content: expect.stringContaining("你的学分情况已私信发给你") } });
    });

    it("acknowledges message types it does not know (or answer) with an empty 200", async () => {
      for (const payload of [{ msgtype: "hologram", hologram: {} }, { msgtype: "image", image: { url: "x" } }]) {
        expect(await postAiBot({ msgid: uniqueId(), aibotid: "A", chattype: "single", from: { userid: "u" }, ...payload })).toMatchObject({ status: 200, text: "" });
      }
    });
  });

  describe("bad input: refused with a fixed message, logged with the request id, nothing written", () => {
    const goodMessage = () => aiBotText({ msgid: uniqueId(), from: "intruder", content: "绑定 工号 T0005" });
    const cases: { name: string; status: number; reason: string; request: () => Promise<Sent> }[] = [
      { name: "no signature", status: 400, reason: "bad_query", request: () => send("POST", "/wecom/aibot", "", JSON.stringify({ encrypt: "x" })) },
      {
        name: "wrong signature",
        status: 401,
        reason: "bad_signature",
        request: () => {
          const callback = aiBotCallback({ ...AIBOT, token: "WrongToken" }, goodMessage(), nowSeconds());
          return send("POST", "/wecom/aibot", callback.query, callback.body);
        },
      },
      {
        name: "stale request",
        status: 401,
        reason: "stale",
        request: () => {
          const callback = aiBotCallback(AIBOT, goodMessage(), nowSeconds() - 3600);
          return send("POST", "/wecom/aibot", callback.query, callback.body);
        },
      },
      {
        name: "encrypted for the CorpID instead of \"\"",
        status: 403,
        reason: "wrong_receiver",
        request: () => {
          const callback = aiBotCallback({ ...AIBOT, receiveId: CORP_ID }, goodMessage(), nowSeconds());
          return send("POST", "/wecom/aibot", callback.query, callback.body);
        },
      },
      {
        name: "malformed base64, correctly signed",
        status: 401,
        reason: "undecryptable",
        request: () => send("POST", "/wecom/aibot", signedQuery(AIBOT.token, "%%%not-base64", nowSeconds(), "n1"), JSON.stringify({ encrypt: "%%%not-base64" })),
      },
      { name: "malformed JSON body", status: 400, reason: "bad_envelope", request: () => send("POST", "/wecom/aibot", "a=1", "{encrypt:") },
      {
        name: "plaintext that is not JSON",
        status: 400,
        reason: "bad_payload",
        request: () => {
          const callback = aiBotCallbackOf(AIBOT, '{"msgtype":"text","text":', nowSeconds());
          return send("POST", "/wecom/aibot", callback.query, callback.body);
        },
      },
      {
        name: "body over 64 KB",
        status: 413,
        reason: "body_too_large",
        request: () => send("POST", "/wecom/aibot", "a=1", JSON.stringify({ encrypt: "A".repeat(70_000) })),
      },
      { name: "malformed XML to the app", status: 400, reason: "bad_envelope", request: () => send("POST", "/wecom/app", "a=1", "<xml><Encrypt>") },
      {
        name: "XML with a DOCTYPE to the app",
        status: 400,
        reason: "bad_envelope",
        request: () => send("POST", "/wecom/app", "a=1", '<!DOCTYPE x [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>'),
      },
    ];

    for (const { name, status, reason, request } of cases) {
      it(`${name} → ${status}`, async () => {
        const before = await Promise.all([database.prisma.chatIdentity.count(), database.prisma.chatGroup.count()]);
        const sent = await request();
        expect(sent.status).toBe(status);
        expect(JSON.parse(sent.text)).toEqual({ error: expect.any(String), message: expect.any(String), requestId: sent.requestId });
        if (status !== 413) expect(sent.text).not.toContain(reason);
        expect(log.lines().find((line) => line.msg === "wecom callback refused" && line.requestId === sent.requestId)).toMatchObject({ reason, status });
        expect(await Promise.all([database.prisma.chatIdentity.count(), database.prisma.chatGroup.count()])).toEqual(before);
      });
    }

    it("a replayed message (same msgid, freshly signed) is acknowledged and not answered again", async () => {
      const message = goodMessage();
      const first = await postAiBot(message);
      expect(streamContent(first)).toContain("绑定需要验证码");
      const before = await database.prisma.chatIdentity.count();
      expect(await postAiBot(message)).toMatchObject({ status: 200, text: "" });
      expect(await database.prisma.chatIdentity.count()).toBe(before);
    });
  });

  describe("self-built app", () => {
    const postApp = (xml: string) => {
      const callback = appCallback(APP, xml, nowSeconds());
      return send("POST", "/wecom/app", callback.query, callback.body);
    };

    it("verifies its URL with the CorpID as receiveid", async () => {
      expect(await send("GET", "/wecom/app", verificationQuery(APP, "1616140317555161061", nowSeconds()))).toMatchObject({ status: 200, text: "1616140317555161061" });
      expect((await send("GET", "/wecom/app", verificationQuery({ ...APP, receiveId: "" }, "1", nowSeconds()))).status).toBe(403);
    });

    it("acknowledges at once and answers through message/send, once per MsgId (kept as a 64-bit string)", async () => {
      const xml = appTextXml({ corpId: CORP_ID, from: "liuyang", content: await bindMessageFor(database.prisma, "T0004", BOT_NOW), msgId: "4561255354251345929", agentId: APP.agentId, createTime: nowSeconds() });
      expect(await postApp(xml)).toMatchObject({ status: 200, text: "" });
      const message = await eventually(() => fake.to("/cgi-bin/message/send").find((r) => (r.body as { touser: string }).touser === "liuyang"));
      expect(message.body).toEqual({ touser: "liuyang", agentid: 1000002, safe: 0, msgtype: "text", text: { content: expect.stringContaining("绑定好了") } });
      expect(await postApp(xml)).toMatchObject({ status: 200, text: "" });
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.to("/cgi-bin/message/send").filter((r) => (r.body as { touser: string }).touser === "liuyang")).toHaveLength(1);
      expect(await database.prisma.chatIdentity.count({ where: { platformUserId: "liuyang" } })).toBe(1);
    });

    it("refuses a message for another agent", async () => {
      const xml = appTextXml({ corpId: CORP_ID, from: "x", content: "hi", msgId: "1", agentId: "999", createTime: nowSeconds() });
      expect((await postApp(xml)).status).toBe(403);
    });

    it("acknowledges events and unknown message types empty", async () => {
      const event = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[x]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event></xml>`;
      expect(await postApp(event)).toMatchObject({ status: 200, text: "" });
      expect(await postApp(event.replace("[event]", "[hologram]"))).toMatchObject({ status: 200, text: "" });
    });
  });

  describe("senders", () => {
    async function group(delivery: object, chatId = `chat-${uniqueId()}`) {
      const region = await database.prisma.region.findFirstOrThrow();
      return database.prisma.chatGroup.create({ data: { platform: "wecom", chatId, regionId: region.id, status: "approved", delivery } });
    }
    const webhookBodies = () => fake.delivered("/cgi-bin/webhook/send").map((r) => r.body as { text?: { content: string; mentioned_list?: string[] } });

    it("group robot: long text split into ≤ 2048-byte messages, mentioned_list on the first; retried after 45009", async () => {
      const target = await group({ robotKey: ROBOT_KEY });
      fake.failNext("/cgi-bin/webhook/send", 45009);
      const text = Array.from({ length: 120 }, (_, i) => `第 ${i + 1} 条：请尽快提交心得体会。`).join("\n");
      const calls = fake.to("/cgi-bin/webhook/send").length;
      await channel.outbox.toGroup(target.id, { format: "text", text, mentions: ["lina"] }, `notice-${uniqueId()}`);
      const delivered = await eventually(() => {
        const bodies = webhookBodies().filter((b) => b.text?.content.includes("条："));
        return bodies.length >= 2 && bodies.map((b) => b.text!.content).join("\n").length >= text.length - 2 && bodies;
      });
      expect(delivered.map((b) => b.text!.content).sort().join("\n").length).toBe(text.length);
      expect(delivered.filter((b) => b.text?.mentioned_list)).toEqual([expect.objectContaining({ text: expect.objectContaining({ mentioned_list: ["lina"] }) })]);
      expect(fake.to("/cgi-bin/webhook/send").length - calls).toBe(delivered.length + 1); // one refused with 45009
      expect(log.lines().some((line) => line.msg === "wecom frequency limit hit; backing off")).toBe(true);
    });

    it("group robot: at most 20 messages a minute per robot, the rest wait", async () => {
      const target = await group({ robotKey: ROBOT_KEY });
      for (let i = 0; i < 25; i++) await channel.outbox.toGroup(target.id, { format: "text", text: `限流 ${i}`, mentions: [] }, `limit-${uniqueId()}`);
      await new Promise((r) => setTimeout(r, 1_500));
      // This robot's calls of the test above count too: all in this minute, and 20 in all.
      expect(fake.to("/cgi-bin/webhook/send").filter((r) => r.query.key === ROBOT_KEY)).toHaveLength(20);
    });

    it("appchat: a group created by the app gets appchat/send", async () => {
      const target = await group({ appChat: { app: "" } }, "appchat-1");
      await channel.outbox.toGroup(target.id, { format: "markdown", text: "**培训通知**", mentions: ["lina"] }, `appchat-${uniqueId()}`);
      const sent = await eventually(() => fake.to("/cgi-bin/appchat/send").at(-1));
      expect(sent.body).toEqual({ chatid: "appchat-1", safe: 0, msgtype: "markdown", markdown: { content: "<@lina>\n**培训通知**" } });
    });

    it("a token WeCom revoked early (40014) is dropped and fetched again once", async () => {
      await channel.outbox.toUser("", "wangqiang", { format: "text", text: "第一条", mentions: [] }, `t-${uniqueId()}`);
      await eventually(() => fake.to("/cgi-bin/message/send").find((r) => (r.body as { touser: string }).touser === "wangqiang"));
      const tokensBefore = fake.to("/cgi-bin/gettoken").length;
      fake.revokeTokens();
      await channel.outbox.toUser("", "wangqiang", { format: "text", text: "第二条", mentions: [] }, `t-${uniqueId()}`);
      const second = await eventually(() => fake.delivered("/cgi-bin/message/send").filter((r) => (r.body as { touser: string }).touser === "wangqiang").at(1));
      expect((second.body as { text: { content: string } }).text.content).toBe("第二条");
      expect(fake.to("/cgi-bin/gettoken").length).toBe(tokensBefore + 1);
      expect(second.query.access_token).toBe(`fake-token-${tokensBefore + 1}`);
    });

    it("a removed robot (93000) marks the group dead, tells admins in the log, and is not called again", async () => {
      const target = await group({ robotKey: "removed-robot" });
      await channel.outbox.toGroup(target.id, { format: "text", text: "通知", mentions: [] }, `dead-${uniqueId()}`);
      const dead = await eventually(async () => {
        const row = await database.prisma.chatGroup.findUniqueOrThrow({ where: { id: target.id } });
        return (row.delivery as { dead?: { errcode: number } }).dead;
      });
      expect(dead.errcode).toBe(93000);
      expect(log.lines().find((line) => line.groupId === target.id && line.admin === true)).toMatchObject({ level: 50, errcode: 93000 });
      const calls = fake.to("/cgi-bin/webhook/send").length;
      await channel.outbox.toGroup(target.id, { format: "text", text: "再次通知", mentions: [] }, `dead-${uniqueId()}`);
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.to("/cgi-bin/webhook/send").length).toBe(calls);
    });
  });
});

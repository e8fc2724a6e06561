import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DingtalkAccessTokens } from "../../src/channels/dingtalk/api/access-token.js";
import { CustomRobotSender } from "../../src/channels/dingtalk/api/custom-robot.js";
import { DingtalkOpenApi } from "../../src/channels/dingtalk/api/openapi.js";
import { DingtalkOutbound } from "../../src/channels/dingtalk/outbound.js";
import { DingtalkOutboundSender } from "../../src/channels/dingtalk/outbound-sender.js";
import { dingtalkSign } from "../../src/channels/dingtalk/sign.js";
import { createCoordination, type Coordination } from "../../src/coordination/index.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { enqueueDeliveries, type NewDelivery } from "../../src/domain/outbox.js";
import { startOutboxWorker, type OutboxWorker } from "../../src/jobs/outbox/worker.js";
import { createSecretBox } from "../../src/secret-box.js";
import { CLIENT_ID, CLIENT_SECRET } from "../channels/dingtalk/world.js";
import { openTestDatabase, type TestDatabase } from "../support/database.js";
import { startFakeDingtalkApi, type FakeDingtalkApi } from "../support/fake-dingtalk-api.js";
import { eventually } from "../support/fake-wecom.js";
import { capturingLogger } from "../support/logger.js";
import { postgresUrl, redisUrl, uniqueRedisPrefix } from "../support/services.js";
import { testSecretBox } from "../support/secrets.js";

describe(`outbox through DingTalk (${postgresUrl ? "PostgreSQL" : "embedded database"})`, () => {
  let database: TestDatabase;
  let api: FakeDingtalkApi;
  let coordination: Coordination;
  let worker: OutboxWorker;
  let regionId: string;

  beforeAll(async () => {
    api = await startFakeDingtalkApi({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    database = await openTestDatabase(postgresUrl ? "postgres" : "embedded");
    await loadDemoData(database.prisma, "2026-11-23");
    regionId = (await database.prisma.region.findUniqueOrThrow({ where: { code: "demo-bozhou" } })).id;
    coordination = createCoordination(redisUrl ? { redis: { url: redisUrl, keyPrefix: uniqueRedisPrefix("outbox-dingtalk") } } : {});
    const logger = capturingLogger().logger;
    const accessTokens = new DingtalkAccessTokens({ apiBase: api.base, clientId: CLIENT_ID, clientSecrets: [CLIENT_SECRET], tokens: coordination.tokens, logger });
    const openApi = new DingtalkOpenApi({ apiBase: api.base, clientId: CLIENT_ID, accessTokens, rateLimiter: coordination.rateLimiter, logger });
    const customRobots = new CustomRobotSender({ oapiBase: api.base, rateLimiter: coordination.rateLimiter, dedup: coordination.dedup, now: () => new Date() });
    const outbound = new DingtalkOutbound({ openApi, customRobots, defaultRobotCode: "robot-default", secrets: testSecretBox() });
    worker = startOutboxWorker({
      prisma: database.prisma,
      coordination,
      senders: { dingtalk: new DingtalkOutboundSender(outbound) },
      logger,
      options: { reconcileEveryMs: 100, retryBaseMs: 50 },
    });
  });

  afterAll(async () => {
    await worker?.close();
    await coordination?.close();
    await database?.dispose();
    await api?.close();
  });

  const row = (key: string, target: { groupId: string } | { teacherId: string }): NewDelivery => ({
    idempotencyKey: key,
    regionId,
    purpose: "deadline_reminder",
    platform: "dingtalk",
    ...target,
    content: "《心得体会》还有 3 天截止，记得提交哦。",
    mentions: [],
  });
  const settled = (key: string) =>
    eventually(async () => {
      const delivery = await database.prisma.delivery.findUniqueOrThrow({ where: { idempotencyKey: key } });
      return delivery.status !== "pending" && delivery;
    });

  it("sends to a group through the app robot once, after DingTalk throttled it", async () => {
    const group = await database.prisma.chatGroup.create({
      data: { platform: "dingtalk", chatId: "cid-outbox==", regionId, status: "approved", delivery: { openConversationId: "cid-outbox==", robotCode: "robot-1" } },
    });
    api.throttleNext(2);
    await enqueueDeliveries(database.prisma, [row("dt-group", { groupId: group.id })]);
    expect(await settled("dt-group")).toMatchObject({ status: "sent", attempts: 1 });
    const delivered = api.to("/v1.0/robot/groupMessages/send").filter((request) => request.body.openConversationId === "cid-outbox==");
    expect(delivered.length).toBeGreaterThanOrEqual(1);
  });

  it("ends a group with neither conversation nor custom robot as dead, saying what to do", async () => {
    const group = await database.prisma.chatGroup.create({ data: { platform: "dingtalk", chatId: "cid-nothing==", regionId, status: "approved" } });
    await enqueueDeliveries(database.prisma, [row("dt-silent", { groupId: group.id })]);
    expect(await settled("dt-silent")).toMatchObject({ status: "dead", lastError: "这个群没有配置发送方式：请在群里 @机器人 一次，或由管理员为它设置自定义机器人" });
  });

  it("sends through a custom robot whose token and secret are stored sealed, and names SECRETS_KEY when they cannot be opened", async () => {
    api.addCustomRobot("sealed-robot-token", "SECsealedsecret");
    const secrets = testSecretBox();
    const sealed = { accessToken: secrets.seal("sealed-robot-token"), secret: secrets.seal("SECsealedsecret") };
    const group = await database.prisma.chatGroup.create({ data: { platform: "dingtalk", chatId: "cid-custom==", regionId, status: "approved", delivery: { customRobot: sealed } } });
    await enqueueDeliveries(database.prisma, [row("dt-custom", { groupId: group.id })]);
    expect(await settled("dt-custom")).toMatchObject({ status: "sent" });
    const sent = api.to("/robot/send").at(-1)!;
    expect(sent.query.get("access_token")).toBe("sealed-robot-token");
    expect(sent.query.get("sign")).toBe(dingtalkSign(sent.query.get("timestamp")!, "SECsealedsecret"));

    const lost = { accessToken: createSecretBox([randomBytes(32)]).seal("sealed-robot-token") };
    const orphan = await database.prisma.chatGroup.create({ data: { platform: "dingtalk", chatId: "cid-lost==", regionId, status: "approved", delivery: { customRobot: lost } } });
    await enqueueDeliveries(database.prisma, [row("dt-lost-key", { groupId: orphan.id })]);
    expect(await settled("dt-lost-key")).toMatchObject({ status: "dead", lastError: expect.stringContaining("SECRETS_KEY") });
  });

  it("messages a bound teacher directly, and marks an unbound one dead", async () => {
    const [bound, unbound] = await Promise.all(
      ["T0003", "T0005"].map((employeeNumber) => database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber } })),
    );
    await database.prisma.chatIdentity.create({ data: { platform: "dingtalk", platformUserId: "staff-lina", teacherId: bound!.id } });
    await enqueueDeliveries(database.prisma, [row("dt-bound", { teacherId: bound!.id }), row("dt-unbound", { teacherId: unbound!.id })]);
    expect(await settled("dt-bound")).toMatchObject({ status: "sent" });
    expect(api.to("/v1.0/robot/oToMessages/batchSend").at(-1)?.body).toMatchObject({ userIds: ["staff-lina"] });
    expect(await settled("dt-unbound")).toMatchObject({ status: "dead", lastError: "该教师未绑定钉钉账号，无法私信" });
  });
});

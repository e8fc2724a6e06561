import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DingtalkAccessTokens } from "../../../src/channels/dingtalk/api/access-token.js";
import { CustomRobotSender } from "../../../src/channels/dingtalk/api/custom-robot.js";
import { DingtalkOpenApi } from "../../../src/channels/dingtalk/api/openapi.js";
import { DingtalkApiError, DingtalkThrottledError } from "../../../src/channels/dingtalk/index.js";
import { DingtalkOutbound } from "../../../src/channels/dingtalk/outbound.js";
import { dingtalkSign } from "../../../src/channels/dingtalk/sign.js";
import type { Reply } from "../../../src/channels/types.js";
import { createCoordination, PermanentJobError, RetryLaterError, type Coordination } from "../../../src/coordination/index.js";
import { deleteKeysWithPrefix } from "../../coordination/redis-keys.js";
import { startFakeDingtalkApi, type FakeDingtalkApi } from "../../support/fake-dingtalk-api.js";
import { capturingLogger } from "../../support/logger.js";
import { redisUrl, uniqueRedisPrefix } from "../../support/services.js";
import { CLIENT_ID, CLIENT_SECRET } from "./world.js";
import { testSecretBox } from "../../support/secrets.js";

const notice: Reply = { format: "text", text: "本周五前请提交心得体会。", mentions: [] };
const markdownNotice: Reply = { format: "markdown", text: "## 培训通知\n- 时间：周五", mentions: [] };

describe("DingTalk senders", () => {
  let api: FakeDingtalkApi;
  let coordination: Coordination;
  let log: ReturnType<typeof capturingLogger>;
  let keyPrefix: string;
  beforeAll(async () => {
    api = await startFakeDingtalkApi({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  });
  afterAll(async () => api?.close());
  beforeEach(() => {
    keyPrefix = uniqueRedisPrefix("dingtalk-senders");
    coordination = createCoordination(redisUrl ? { redis: { url: redisUrl, keyPrefix } } : {});
    log = capturingLogger();
    api.requests.length = 0;
  });
  afterEach(async () => {
    await coordination.close();
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      await deleteKeysWithPrefix(redis, keyPrefix);
      await redis.quit();
    }
  });

  const senders = (secrets: string[] = [CLIENT_SECRET], oapiBase = api.base) => {
    const accessTokens = new DingtalkAccessTokens({ apiBase: api.base, clientId: CLIENT_ID, clientSecrets: secrets, tokens: coordination.tokens, logger: log.logger });
    const openApi = new DingtalkOpenApi({ apiBase: api.base, clientId: CLIENT_ID, accessTokens, rateLimiter: coordination.rateLimiter, logger: log.logger });
    const customRobots = new CustomRobotSender({ oapiBase, rateLimiter: coordination.rateLimiter, dedup: coordination.dedup, now: () => new Date() });
    return { openApi, customRobots, outbound: new DingtalkOutbound({ openApi, customRobots, defaultRobotCode: "robot-default", secrets: testSecretBox() }) };
  };

  it("sends to a group with msgParam as a JSON string, sampleText or sampleMarkdown", async () => {
    const { outbound } = senders();
    await outbound.sendToGroup({ openConversationId: "cid1==", robotCode: "robot-1" }, notice);
    await outbound.sendToGroup({ openConversationId: "cid1==" }, markdownNotice);
    const [text, markdown] = api.to("/v1.0/robot/groupMessages/send");
    expect(text!.body).toEqual({ robotCode: "robot-1", openConversationId: "cid1==", msgKey: "sampleText", msgParam: JSON.stringify({ content: notice.text }) });
    expect(markdown!.body).toMatchObject({ robotCode: "robot-default", msgKey: "sampleMarkdown" });
    expect(JSON.parse(markdown!.body.msgParam as string)).toEqual({ title: "培训通知", text: markdownNotice.text });
  });

  it("sends direct messages with oToMessages/batchSend", async () => {
    await senders().outbound.sendToUsers(["staff-1", "staff-2"], notice);
    expect(api.to("/v1.0/robot/oToMessages/batchSend")[0]!.body).toMatchObject({ robotCode: "robot-default", userIds: ["staff-1", "staff-2"], msgKey: "sampleText" });
  });

  it("fetches the access token once for many sends, and once more after DingTalk revoked it", async () => {
    const { outbound } = senders();
    await Promise.all([1, 2, 3].map(() => outbound.sendToGroup({ openConversationId: "cid1==" }, notice)));
    expect(api.to("/v1.0/oauth2/accessToken")).toHaveLength(1);
    api.revokeTokens();
    await outbound.sendToGroup({ openConversationId: "cid1==" }, notice);
    expect(api.to("/v1.0/oauth2/accessToken")).toHaveLength(2);
    const sends = api.to("/v1.0/robot/groupMessages/send");
    expect(sends.at(-1)!.headers["x-acs-dingtalk-access-token"]).not.toBe(sends[0]!.headers["x-acs-dingtalk-access-token"]);
  });

  it("tries the next secret while DingTalk refuses the first, and says so in the log", async () => {
    await senders(["retired-secret", CLIENT_SECRET]).outbound.sendToGroup({ openConversationId: "cid1==" }, notice);
    expect(api.to("/v1.0/oauth2/accessToken").map((r) => r.body.appSecret)).toEqual(["retired-secret", CLIENT_SECRET]);
    expect(log.lines().find((l) => String(l.msg).includes("finish the rotation"))).toMatchObject({ secretIndex: 2 });
  });

  it("backs off on HTTP 403 QPS throttling, then tells the caller to retry later if it persists", async () => {
    const { outbound } = senders();
    api.throttleNext(2);
    await outbound.sendToGroup({ openConversationId: "cid1==" }, notice);
    expect(api.to("/v1.0/robot/groupMessages/send")).toHaveLength(3);
    api.throttleNext(10);
    const error = await outbound.sendToGroup({ openConversationId: "cid1==" }, notice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DingtalkThrottledError);
    expect(error).toBeInstanceOf(RetryLaterError);
    api.throttleNext(0);
  });

  it("reports a refusal it cannot retry as a DingtalkApiError with DingTalk's code", async () => {
    const { openApi } = senders();
    const error = await openApi.sendToGroup("robot", "cid1==", { msgKey: "sampleText", msgParam: {} as unknown as string }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DingtalkApiError);
    expect((error as DingtalkApiError).code).toBe("invalidParameter.msgParam");
  });

  it("signs custom robot webhooks and keeps to 20 messages a minute per robot", async () => {
    api.addCustomRobot("robot-token-a", "SECrobotsecret");
    const { outbound } = senders();
    const delivery = { customRobot: { accessToken: "robot-token-a", secret: "SECrobotsecret" } };
    for (let i = 0; i < 20; i += 1) await outbound.sendToGroup(delivery, notice);
    const first = api.to("/robot/send")[0]!;
    expect(first.query.get("sign")).toBe(dingtalkSign(first.query.get("timestamp")!, "SECrobotsecret"));
    expect(first.body).toEqual({ msgtype: "text", text: { content: notice.text }, at: { atUserIds: [], isAtAll: false } });
    const error = await outbound.sendToGroup(delivery, notice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DingtalkThrottledError);
    expect((error as DingtalkThrottledError).delayMs).toBeGreaterThan(0);
    expect(api.to("/robot/send")).toHaveLength(20);
  });

  it("waits out a 130101 block: no instance calls the robot again until it is over", async () => {
    api.addCustomRobot("robot-token-b", "SECother", 20);
    const delivery = { customRobot: { accessToken: "robot-token-b", secret: "SECother" } };
    const blocked = await senders().outbound.sendToGroup(delivery, notice).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(DingtalkThrottledError);
    expect((blocked as DingtalkThrottledError).delayMs).toBe(10 * 60 * 1000);
    // Embedded mode has a single instance; with Redis, a second one shares the block.
    const secondInstance = redisUrl ? createCoordination({ redis: { url: redisUrl, keyPrefix } }) : coordination;
    try {
      const sender = new CustomRobotSender({ oapiBase: api.base, rateLimiter: secondInstance.rateLimiter, dedup: secondInstance.dedup, now: () => new Date() });
      const again = await sender.send(delivery.customRobot, { msgtype: "text", text: { content: "x" }, at: { atUserIds: [], isAtAll: false } }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(DingtalkThrottledError);
    } finally {
      if (secondInstance !== coordination) await secondInstance.close();
    }
    expect(api.to("/robot/send")).toHaveLength(1);
  });

  it("refuses a group with neither a conversation id nor a custom robot", async () => {
    const error = await senders().outbound.sendToGroup({}, notice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentJobError);
    expect(api.requests).toHaveLength(0);
  });
});

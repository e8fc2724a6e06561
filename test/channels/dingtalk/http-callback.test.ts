import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dingtalkSign } from "../../../src/channels/dingtalk/sign.js";
import { bindMessageFor } from "../../support/bind-codes.js";
import { robotMessage } from "../../support/fake-dingtalk-messages.js";
import { CLIENT_SECRET, LINA_BALANCE, LINA_PRIVATE_LINE, linesContaining, startDingtalkWorld, type DingtalkWorld } from "./world.js";

const GROUP = { conversationId: "cidHttpGroup==", title: "博乐一中教师群" };
const MINUTE = 60 * 1000;
const OLD_SECRET = "old-client-secret-being-retired";
/** The known-answer vectors of docs/platforms.md §3.3: timestamp, secret, sign. */
const VECTORS = [
  ["1700000000000", "SECtestsecret0123456789", "zrLWzK97t62y5CpqN8Ok9UIdPvX+jL1PNoW8nKT5a9k="],
  ["1546084445901", "testappSecret", "fYP0TV8RJULxGabs59wSO94FZbNekbH7ebQJu2oy+/0="],
] as const;

describe("DingTalk HTTP callback mode", () => {
  let world: DingtalkWorld;
  beforeAll(async () => {
    const vectorSecrets = VECTORS.map(([, secret]) => secret).join(",");
    world = await startDingtalkWorld({ mode: "http", secrets: `${CLIENT_SECRET},${OLD_SECRET},${vectorSecrets}` });
  });
  afterAll(async () => world?.dispose());

  const message = (msgId: string, text: string, chat: "group" | "direct" = "group") =>
    robotMessage({
      msgId,
      text,
      senderStaffId: "staff-lina",
      ...(chat === "group" ? { group: GROUP } : {}),
      sessionWebhook: world.api.sessionWebhook(`s-${msgId}`),
      createAt: world.clock.now.getTime(),
    });
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`${world.base}/dingtalk/callback`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  let sent = 0;
  /**
   * Headers as DingTalk sends them: epoch-ms timestamp and the base64 signature, `offsetMs` from now. The
   * test clock stands still, so each request is a millisecond later, as each real delivery would be.
   */
  const signedHeaders = (offsetMs = 0, secret = CLIENT_SECRET) => {
    const timestamp = String(world.clock.now.getTime() + offsetMs + sent++);
    return { timestamp, sign: dingtalkSign(timestamp, secret) };
  };
  const answers = () => world.api.to("/robot/sendBySession").map((r) => (r.body.text as { content: string }).content);

  it("accepts a correctly signed request at once and answers through the sessionWebhook", async () => {
    const bind = await post(message("h-bind", await bindMessageFor(world.database.prisma, "T0003", world.clock.now)), signedHeaders());
    expect(bind.status).toBe(200);
    expect(await bind.text()).toBe("");
    await vi.waitFor(() => expect(answers()).toHaveLength(1));
    const balance = await post(message("h-balance", "我还差多少学分"), signedHeaders(-4 * MINUTE));
    expect(balance.status).toBe(200);
    await vi.waitFor(() => expect(answers()).toHaveLength(2));
    // Asked in the group: the group hears one line, the numbers wait in the outbox for her direct chat.
    expect(answers()[1]).toContain(LINA_PRIVATE_LINE);
    expect(answers()[1]).not.toContain(LINA_BALANCE);
    const direct = await world.database.prisma.delivery.findFirstOrThrow({ where: { purpose: "direct_answer", idempotencyKey: { contains: "h-balance" } } });
    expect(direct).toMatchObject({ platform: "dingtalk", groupId: null });
    expect(direct.content).toContain(LINA_BALANCE);
    // Asked in a direct chat, the whole answer travels the sessionWebhook.
    const directly = await post(message("h-balance-direct", "我还差多少学分", "direct"), signedHeaders(-4 * MINUTE));
    expect(directly.status).toBe(200);
    await vi.waitFor(() => expect(answers()).toHaveLength(3));
    expect(answers()[2]).toContain(LINA_BALANCE);
    expect(world.api.to("/robot/sendBySession")[2]!.query.get("session")).toBe("s-h-balance-direct");
  });

  it("accepts a request signed with a secret still in rotation", async () => {
    const answered = answers().length;
    const response = await post(message("h-rotated", "我还差多少学分"), signedHeaders(4 * MINUTE, OLD_SECRET));
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(answers()).toHaveLength(answered + 1));
  });

  it.each(VECTORS)("accepts the documented vector verbatim: timestamp %s, secret %s", async (timestamp, _secret, sign) => {
    const realNow = world.clock.now;
    world.clock.now = new Date(Number(timestamp) + 4 * MINUTE);
    try {
      const response = await post(message(`h-vector-${timestamp}`, "帮助"), { timestamp, sign });
      expect(response.status).toBe(200);
      await vi.waitFor(() => expect(world.api.to("/robot/sendBySession").map((r) => r.query.get("session"))).toContain(`s-h-vector-${timestamp}`));
      const tooLate = new Date(Number(timestamp) + 6 * MINUTE);
      world.clock.now = tooLate;
      expect((await post(message(`h-vector-late-${timestamp}`, "帮助"), { timestamp, sign })).status).toBe(401);
    } finally {
      world.clock.now = realNow;
    }
  });

  it("ignores a replay of a message already handled, even freshly signed, and binds nobody twice", async () => {
    const identities = await world.database.prisma.chatIdentity.count();
    const answered = answers().length;
    expect((await post(message("h-balance", "我还差多少学分"), signedHeaders(1_000))).status).toBe(200);
    expect((await post(message("h-bind", "绑定 工号 T0003"), signedHeaders(2_000))).status).toBe(200);
    await vi.waitFor(() => expect(linesContaining(world.logLines(), "redelivery ignored")).toHaveLength(2));
    expect(answers()).toHaveLength(answered);
    expect(await world.database.prisma.chatIdentity.count()).toBe(identities);
  });

  it("accepts a (timestamp, sign) pair once: a captured pair replayed with another body is refused 401 and does nothing", async () => {
    const captured = signedHeaders();
    expect((await post(message("h-captured", "帮助"), captured)).status).toBe(200);
    await vi.waitFor(() => expect(world.api.to("/robot/sendBySession").map((r) => r.query.get("session"))).toContain("s-h-captured"));
    const identities = await world.database.prisma.chatIdentity.count();
    const before = world.api.requests.length;
    const forged = robotMessage({ msgId: "h-forged", text: "绑定 工号 T0005", senderStaffId: "staff-intruder", sessionWebhook: world.api.sessionWebhook("s-h-forged"), createAt: world.clock.now.getTime() });
    for (const body of [forged, message("h-captured", "帮助")]) {
      const replayed = await post(body, captured);
      expect(replayed.status).toBe(401);
      expect(linesContaining(world.logLines(), "bad signature").at(-1)).toMatchObject({ reason: "replayed" });
    }
    // Still refused minutes later, while the pair would otherwise be inside the window.
    world.clock.now = new Date(world.clock.now.getTime() + 4 * MINUTE);
    try {
      expect((await post(forged, captured)).status).toBe(401);
    } finally {
      world.clock.now = new Date(world.clock.now.getTime() - 4 * MINUTE);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(world.api.requests.length).toBe(before);
    expect(await world.database.prisma.chatIdentity.count()).toBe(identities);
  });

  it.each([
    ["no headers at all", {}, "missing_headers"],
    ["no sign", { timestamp: String(Date.UTC(2026, 10, 23, 2)) }, "missing_headers"],
    ["a sign made with another secret", "wrong-secret", "mismatch"],
    ["a timestamp 6 minutes old", -6 * MINUTE, "outside_window"],
    ["a timestamp 6 minutes ahead", 6 * MINUTE, "outside_window"],
    ["a timestamp 59 minutes old (DingTalk's own window, too long for us)", -59 * MINUTE, "outside_window"],
    ["a timestamp that is not a number", { timestamp: "yesterday", sign: "x" }, "malformed_timestamp"],
  ] as const)("refuses %s with 401 and a log line, and answers nothing", async (_name, variant, reason) => {
    const headers =
      typeof variant === "string" ? signedHeaders(0, variant) : typeof variant === "number" ? signedHeaders(variant) : variant;
    const before = world.api.requests.length;
    const response = await post(message(`h-refused-${reason}-${Math.random()}`, "我还差多少学分"), headers);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "bad_signature", message: "签名无效或已过期。" });
    expect(linesContaining(world.logLines(), "bad signature").at(-1)).toMatchObject({ reason });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(world.api.requests.length).toBe(before);
  });

  it("refuses a body that is not JSON, or not a robot message, with 400 and a log line", async () => {
    const notJson = await post("{not json", signedHeaders());
    expect(notJson.status).toBe(400);
    expect(linesContaining(world.logLines(), "body is not JSON")).toHaveLength(1);
    const notRobot = await post({ hello: "world" }, signedHeaders());
    expect(notRobot.status).toBe(400);
    expect(((await notRobot.json()) as { error: string }).error).toBe("bad_request");
    expect(linesContaining(world.logLines(), "not a robot message")[0]?.problem).toContain("msgId");
  });

  it("answers a message type without text, so the teacher is not left waiting", async () => {
    const picture = { ...message("h-picture", ""), msgtype: "picture", content: { downloadCode: "d" } };
    const before = answers().length;
    expect((await post(picture, signedHeaders())).status).toBe(200);
    await vi.waitFor(() => expect(answers()).toHaveLength(before + 1));
  });
});

describe("DingTalk Stream mode has no callback URL", () => {
  let world: DingtalkWorld;
  beforeAll(async () => {
    world = await startDingtalkWorld({ mode: "stream" });
  });
  afterAll(async () => world?.dispose());

  it("answers 404 on /dingtalk/callback", async () => {
    const timestamp = String(world.clock.now.getTime());
    const response = await fetch(`${world.base}/dingtalk/callback`, {
      method: "POST",
      headers: { timestamp, sign: dingtalkSign(timestamp, CLIENT_SECRET) },
      body: "{}",
    });
    expect(response.status).toBe(404);
  });
});

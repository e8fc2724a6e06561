import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { robotMessage, type RobotMessageOptions } from "../../support/fake-dingtalk-messages.js";
import { streamFrame, type FakeStreamGateway, type FakeStreamSocket } from "../../support/fake-dingtalk-gateway.js";
import { bindMessageFor } from "../../support/bind-codes.js";
import { CLIENT_ID, LINA_BALANCE, LINA_PRIVATE_LINE, linesContaining, startDingtalkWorld, type DingtalkWorld } from "./world.js";

const ROBOT_TOPIC = "/v1.0/im/bot/messages/get";
const GROUP = { conversationId: "cidGrade7Chinese==", title: "七年级语文组" };
const LINA = "staff-lina";

/** The socket the gateway accepted last and that is still open. */
function liveSocket(gateway: FakeStreamGateway): FakeStreamSocket {
  const socket = gateway.sockets.filter((s) => !s.closed).at(-1);
  if (!socket) throw new Error("no live socket");
  return socket;
}

function sessionTexts(world: DingtalkWorld): string[] {
  return world.api.to("/robot/sendBySession").map((request) => (request.body.text as { content: string }).content);
}

describe("DingTalk Stream mode: messages", () => {
  let world: DingtalkWorld;
  let frames = 0;
  /** Sends a robot message down the live socket as a CALLBACK frame; returns the frame's messageId. */
  const deliver = (message: Record<string, unknown>, socket = liveSocket(world.gateway!)) => {
    const frameId = `frame-${++frames}`;
    socket.send(streamFrame("CALLBACK", ROBOT_TOPIC, frameId, message));
    return frameId;
  };
  const asLina = (msgId: string, text: string, extra: Partial<RobotMessageOptions> = {}) =>
    robotMessage({
      msgId,
      text,
      senderStaffId: LINA,
      group: GROUP,
      sessionWebhook: world.api.sessionWebhook(`session-${msgId}`),
      createAt: world.clock.now.getTime(),
      ...extra,
    });
  /** 李娜 writing to the robot in a direct (single) chat rather than in the group. */
  const asLinaDirectly = (msgId: string, text: string) =>
    robotMessage({ msgId, text, senderStaffId: LINA, sessionWebhook: world.api.sessionWebhook(`session-${msgId}`), createAt: world.clock.now.getTime() });
  /** What the outbox holds to send 李娜 privately, oldest first. */
  const directAnswersToLina = async () => {
    const lina = await world.database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "T0003" } });
    return world.database.prisma.delivery.findMany({ where: { purpose: "direct_answer", teacherId: lina.id }, orderBy: { createdAt: "asc" } });
  };
  const ackFor = (frameId: string) => liveSocket(world.gateway!).received.find((frame) => (frame.headers as { messageId?: string }).messageId === frameId);

  beforeAll(async () => {
    world = await startDingtalkWorld({ mode: "stream" });
    await vi.waitFor(() => expect(world.gateway!.sockets).toHaveLength(1), { timeout: 5_000 });
  });
  afterAll(async () => world?.dispose());

  it("registers its own robot subscription only, with the configured client id", () => {
    expect(world.gateway!.opens[0]).toMatchObject({
      clientId: CLIENT_ID,
      subscriptions: [{ type: "CALLBACK", topic: ROBOT_TOPIC }],
    });
  });

  it("acknowledges a CALLBACK frame at once and answers it exactly once, through the sessionWebhook", async () => {
    const bindFrame = deliver(asLina("msg-bind", await bindMessageFor(world.database.prisma, "T0003", world.clock.now)));
    await vi.waitFor(() => expect(sessionTexts(world)).toHaveLength(1));
    expect(ackFor(bindFrame)).toEqual({
      code: 200,
      headers: { contentType: "application/json", messageId: bindFrame },
      message: "OK",
      data: JSON.stringify({ response: null }),
    });
    // In a direct chat the whole answer travels the sessionWebhook.
    deliver(asLinaDirectly("msg-balance", "我还差多少学分"));
    await vi.waitFor(() => expect(sessionTexts(world)).toHaveLength(2));
    expect(sessionTexts(world)[1]).toContain(LINA_BALANCE);
    const request = world.api.to("/robot/sendBySession")[1]!;
    expect(request.query.get("session")).toBe("session-msg-balance");
    expect(request.body).toMatchObject({ msgtype: "text", at: { atUserIds: [], isAtAll: false } });
    // In the group the sessionWebhook carries one line without numbers, @-mentioning 李娜 so she sees it is
    // for her; the answer waits in the outbox for 李娜 alone.
    deliver(asLina("msg-balance-group", "我还差多少学分"));
    await vi.waitFor(() => expect(sessionTexts(world)).toHaveLength(3));
    expect(sessionTexts(world)[2]).toBe(`${LINA_PRIVATE_LINE} 📩\n@${LINA}`);
    const groupReply = world.api.to("/robot/sendBySession")[2]!;
    expect(groupReply.query.get("session")).toBe("session-msg-balance-group");
    expect(groupReply.body).toMatchObject({ msgtype: "text", at: { atUserIds: [LINA], isAtAll: false } });
    const [direct, ...more] = await directAnswersToLina();
    expect(more).toEqual([]);
    expect(direct).toMatchObject({ platform: "dingtalk", groupId: null, status: "pending" });
    expect(direct!.content).toContain(LINA_BALANCE);
  });

  it("remembers the group's conversation id once a bound teacher has @-mentioned the robot there", async () => {
    const group = await world.database.prisma.chatGroup.findUniqueOrThrow({
      where: { platform_chatId: { platform: "dingtalk", chatId: GROUP.conversationId } },
    });
    expect(group.delivery).toEqual({ openConversationId: GROUP.conversationId, robotCode: "ding-robot-code" });
    expect(group.name).toBe(GROUP.title);
  });

  it("acknowledges a redelivered message but answers it no second time, and binds nobody twice", async () => {
    const identities = await world.database.prisma.chatIdentity.count();
    const answered = sessionTexts(world).length;
    const again = deliver(asLinaDirectly("msg-balance", "我还差多少学分"));
    const groupAgain = deliver(asLina("msg-balance-group", "我还差多少学分"));
    const bindAgain = deliver(asLina("msg-bind", "绑定 工号 T0003"));
    await vi.waitFor(() => expect(ackFor(bindAgain)).toBeDefined());
    expect(ackFor(again)).toBeDefined();
    expect(ackFor(groupAgain)).toBeDefined();
    await vi.waitFor(() => expect(linesContaining(world.logLines(), "redelivery ignored")).toHaveLength(3));
    expect(sessionTexts(world)).toHaveLength(answered);
    expect(await world.database.prisma.chatIdentity.count()).toBe(identities);
    expect(await directAnswersToLina()).toHaveLength(1);
  });

  it("echoes a ping with the same headers and data", async () => {
    const socket = liveSocket(world.gateway!);
    const ping = { specVersion: "1.0", type: "SYSTEM", headers: { topic: "ping", messageId: "p1", contentType: "application/json" }, data: '{"opaque":"abc"}' };
    socket.send(ping);
    await vi.waitFor(() => expect(socket.received.find((f) => (f.headers as { messageId?: string }).messageId === "p1")).toBeDefined());
    expect(socket.received.find((f) => (f.headers as { messageId?: string }).messageId === "p1")).toEqual({
      code: 200,
      headers: ping.headers,
      message: "OK",
      data: ping.data,
    });
  });

  it("logs and ignores malformed frames, keeps the connection, and still answers the next message", async () => {
    const socket = liveSocket(world.gateway!);
    socket.send("this is not json");
    socket.send({ type: "CALLBACK", data: "{}" });
    socket.send(streamFrame("CALLBACK", ROBOT_TOPIC, "frame-bad-data", "not json either"));
    socket.send(streamFrame("CALLBACK", ROBOT_TOPIC, "frame-no-fields", { msgId: "x" }));
    socket.send(streamFrame("CALLBACK", "/v1.0/card/instances/callback", "frame-card", {}));
    socket.send({ ...streamFrame("SYSTEM", "ping", "p2", "{}"), type: "MYSTERY" });
    socket.send({ type: "CALLBACK", headers: { topic: ROBOT_TOPIC, contentType: "application/json" }, data: "{}" });
    const answered = sessionTexts(world).length;
    deliver(asLina("msg-after-garbage", "我还差多少学分"));
    await vi.waitFor(() => expect(sessionTexts(world)).toHaveLength(answered + 1));
    const lines = world.logLines();
    expect(linesContaining(lines, "frame is not JSON")).toHaveLength(1);
    expect(linesContaining(lines, "malformed frame ignored")).toHaveLength(1);
    expect(linesContaining(lines, "robot frame data is not JSON")).toHaveLength(1);
    expect(linesContaining(lines, "robot message malformed")[0]).toMatchObject({ frameMessageId: "frame-no-fields" });
    expect(linesContaining(lines, "did not subscribe to")).toHaveLength(1);
    expect(linesContaining(lines, "unknown type")).toHaveLength(1);
    expect(linesContaining(lines, "without a messageId")).toHaveLength(1);
    expect(world.gateway!.sockets).toHaveLength(1);
  });

  it("answers a message type that carries no text (a picture) instead of staying silent", async () => {
    const answered = sessionTexts(world).length;
    deliver(asLina("msg-picture", "", { msgtype: "picture" }));
    await vi.waitFor(() => expect(sessionTexts(world)).toHaveLength(answered + 1));
    expect(linesContaining(world.logLines(), "carries no text")[0]).toMatchObject({ msgtype: "picture" });
  });

  it("answers through the OpenAPI when the sessionWebhook has expired or is refused", async () => {
    const viaSession = sessionTexts(world).length;
    const privately = (await directAnswersToLina()).length;
    deliver(asLina("msg-expired", "我还差多少学分", { sessionWebhookExpiredTime: world.clock.now.getTime() - 1 }));
    await vi.waitFor(() => expect(world.api.to("/v1.0/robot/groupMessages/send")).toHaveLength(1));
    const send = world.api.to("/v1.0/robot/groupMessages/send")[0]!;
    expect(send.body).toMatchObject({ robotCode: "ding-robot-code", openConversationId: GROUP.conversationId, msgKey: "sampleText" });
    expect(typeof send.body.msgParam).toBe("string");
    // The group's one line goes by the OpenAPI; the answer itself waits in the outbox for 李娜 alone.
    expect(JSON.parse(send.body.msgParam as string).content).toBe(`${LINA_PRIVATE_LINE} 📩`);
    const queued = await directAnswersToLina();
    expect(queued).toHaveLength(privately + 1);
    expect(queued.at(-1)).toMatchObject({ platform: "dingtalk", groupId: null });
    expect(queued.at(-1)!.content).toContain(LINA_BALANCE);
    expect(send.headers["x-acs-dingtalk-access-token"]).toMatch(/^token-/);

    world.api.expiredSessions.add("session-msg-refused");
    deliver(asLina("msg-refused", "我还差多少学分"));
    await vi.waitFor(() => expect(world.api.to("/v1.0/robot/groupMessages/send")).toHaveLength(2));
    expect(world.api.to("/v1.0/oauth2/accessToken")).toHaveLength(1);
    expect(sessionTexts(world)).toHaveLength(viaSession + 1);
    expect(linesContaining(world.logLines(), "sessionWebhook expired")).toHaveLength(1);
    expect(linesContaining(world.logLines(), "sessionWebhook refused")).toHaveLength(1);
  });

  it("answers an expired direct chat through oToMessages/batchSend to the sender's staff id", async () => {
    const direct = robotMessage({
      msgId: "msg-direct",
      text: "我还差多少学分",
      senderStaffId: LINA,
      sessionWebhook: world.api.sessionWebhook("session-direct"),
      sessionWebhookExpiredTime: world.clock.now.getTime() - 1,
      createAt: world.clock.now.getTime() - 2 * 60 * 60 * 1000,
    });
    deliver(direct);
    await vi.waitFor(() => expect(world.api.to("/v1.0/robot/oToMessages/batchSend")).toHaveLength(1));
    const send = world.api.to("/v1.0/robot/oToMessages/batchSend")[0]!;
    expect(send.body).toMatchObject({ robotCode: "ding-robot-code", userIds: [LINA], msgKey: "sampleText" });
    expect(JSON.parse(send.body.msgParam as string).content).toContain(LINA_BALANCE);
  });

  it("answers once when two instances both hold connections and both get the message", async () => {
    const second = await world.addInstance();
    await vi.waitFor(() => expect(world.gateway!.sockets.filter((s) => !s.closed)).toHaveLength(2));
    const answered = sessionTexts(world).length;
    const ignored = linesContaining(world.logLines(), "redelivery ignored").length;
    const message = asLina("msg-both", "我还差多少学分");
    const [first, other] = world.gateway!.sockets.filter((s) => !s.closed);
    deliver(message, first);
    deliver(message, other);
    await vi.waitFor(() => {
      expect(linesContaining(world.logLines(), "redelivery ignored")).toHaveLength(ignored + 1);
      expect(sessionTexts(world)).toHaveLength(answered + 1);
    });
    await second.close();
    await vi.waitFor(() => expect(world.gateway!.sockets.filter((s) => !s.closed)).toHaveLength(1));
  });

  it("opens a new connection when the gateway sends disconnect, then lets the old one go", async () => {
    const old = liveSocket(world.gateway!);
    const before = world.gateway!.sockets.length;
    old.send({ specVersion: "1.0", type: "SYSTEM", headers: { topic: "disconnect", messageId: "d1", contentType: "application/json" }, data: '{"reason":"connection is expired"}' });
    await vi.waitFor(() => expect(world.gateway!.sockets).toHaveLength(before + 1));
    await vi.waitFor(() => expect(old.closed).toBe(true));
    const answered = sessionTexts(world).length;
    deliver(asLina("msg-after-disconnect", "我还差多少学分"));
    await vi.waitFor(() => expect(sessionTexts(world)).toHaveLength(answered + 1));
    expect(linesContaining(world.logLines(), "asked us to reconnect")[0]).toMatchObject({ reason: "connection is expired" });
  });
});

describe("DingTalk Stream mode: the connection", () => {
  let world: DingtalkWorld;
  beforeAll(async () => {
    world = await startDingtalkWorld({ mode: "stream", timing: { heartbeatMs: 100, silenceMs: 400 } });
    await vi.waitFor(() => expect(world.gateway!.sockets).toHaveLength(1), { timeout: 5_000 });
  });
  afterAll(async () => world?.dispose());

  it("reconnects after a dropped socket with growing pauses, so attempts stay bounded", async () => {
    const gateway = world.gateway!;
    gateway.behaviour.dropOnConnect = true;
    const opensBefore = gateway.opens.length;
    liveSocket(gateway).drop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const attempts = gateway.opens.length - opensBefore;
    // Pauses of at least 25, 50, 100, 200, 200… ms: never more than 9 attempts in 1.5 s, and no storm.
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(9);
    gateway.behaviour.dropOnConnect = false;
    await vi.waitFor(() => expect(gateway.sockets.filter((s) => !s.closed)).toHaveLength(1), { timeout: 3_000 });
    expect(linesContaining(world.logLines(), "connection lost").length).toBeGreaterThanOrEqual(attempts);
  });

  it("backs off the same way while the gateway refuses to register", async () => {
    const gateway = world.gateway!;
    gateway.behaviour.refuseOpenWith = 503;
    const opensBefore = gateway.opens.length;
    liveSocket(gateway).drop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const attempts = gateway.opens.length - opensBefore;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(9);
    expect(linesContaining(world.logLines(), "could not connect").at(-1)?.err).toMatchObject({ message: expect.stringContaining("HTTP 503") });
    gateway.behaviour.refuseOpenWith = undefined;
    await vi.waitFor(() => expect(gateway.sockets.filter((s) => !s.closed)).toHaveLength(1), { timeout: 3_000 });
  });

  it("replaces a connection that has gone silent (no frames, no pongs)", async () => {
    const gateway = world.gateway!;
    const zombie = liveSocket(gateway);
    gateway.behaviour.silent = true;
    await vi.waitFor(() => expect(linesContaining(world.logLines(), "connection silent")).toHaveLength(1), { timeout: 3_000 });
    gateway.behaviour.silent = false;
    await vi.waitFor(() => expect(zombie.closed).toBe(true), { timeout: 3_000 });
    await vi.waitFor(() => expect(gateway.sockets.filter((s) => !s.closed)).toHaveLength(1), { timeout: 3_000 });
  });

  it("stops cleanly: the socket closes and nothing reconnects afterwards", async () => {
    const gateway = world.gateway!;
    await world.channel.close();
    await vi.waitFor(() => expect(gateway.sockets.every((s) => s.closed)).toBe(true), { timeout: 2_000 });
    const opens = gateway.opens.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(gateway.opens.length).toBe(opens);
  });
});

import { describe, expect, it } from "vitest";
import { decodeRobotMessage } from "../../../src/channels/dingtalk/decode.js";
import { ROBOT_USER_ID, robotMessage } from "../../support/fake-dingtalk-messages.js";

const now = new Date("2026-11-23T02:00:00Z");
const GROUP = { conversationId: "cidGroup==", title: "教研组" };

function decoded(payload: unknown) {
  const result = decodeRobotMessage(payload, now);
  if (!result.ok) throw new Error(result.problem);
  return result.value;
}

describe("decoding a DingTalk robot message", () => {
  it("turns a group @-message into a ChatMessage: trimmed text, mention from the structured fields", () => {
    const { message, replyTarget, unreadableType } = decoded(
      robotMessage({ msgId: "m1", text: "我还差多少学分 ", senderStaffId: "staff-1", group: GROUP, sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=s", createAt: 1_700_000_000_000 }),
    );
    expect(message).toEqual({
      platform: "dingtalk",
      chatType: "group",
      chatId: GROUP.conversationId,
      senderId: "staff-1",
      senderName: "李娜",
      text: "我还差多少学分",
      mentionedBot: true,
      mentions: [],
      messageId: "m1",
      sentAt: new Date(1_700_000_000_000),
    });
    expect(replyTarget).toEqual({
      chatType: "group",
      conversationId: GROUP.conversationId,
      conversationTitle: GROUP.title,
      senderStaffId: "staff-1",
      robotCode: "ding-robot-code",
      sessionWebhook: { url: "https://oapi.dingtalk.com/robot/sendBySession?session=s", expiresAtMs: 1_700_000_000_000 + 60 * 60 * 1000 },
    });
    expect(unreadableType).toBeUndefined();
  });

  it("reads mentions from atUsers, never from the text, and leaves the robot out of them", () => {
    const payload = {
      ...robotMessage({ msgId: "m2", text: "@王强 看看 @继教助手", senderStaffId: "staff-1", group: GROUP }),
      isInAtList: true,
      atUsers: [{ dingtalkId: ROBOT_USER_ID }, { dingtalkId: "$:LWCP_v1:$wq", staffId: "staff-wq" }, { dingtalkId: "$:LWCP_v1:$outsider" }],
    };
    const { message } = decoded(payload);
    expect(message.mentions).toEqual(["staff-wq", "$:LWCP_v1:$outsider"]);
    expect(message.text).toBe("@王强 看看 @继教助手");
    expect(decoded({ ...payload, isInAtList: false, atUsers: [] }).message.mentionedBot).toBe(false);
    expect(decoded({ ...payload, isInAtList: undefined }).message.mentionedBot).toBe(true);
  });

  it("treats a direct chat as addressed to the bot, and an outsider without staff id by their senderId", () => {
    const { message, replyTarget } = decoded(robotMessage({ msgId: "m3", text: "帮助" }));
    expect(message).toMatchObject({ chatType: "direct", mentionedBot: true, senderId: "$:LWCP_v1:$sender-outsider" });
    expect(replyTarget.senderStaffId).toBeUndefined();
    expect(replyTarget.sessionWebhook).toBeUndefined();
  });

  it("marks a group external when the sender has no staff id there, and only then", () => {
    expect(decoded(robotMessage({ msgId: "m9", text: "帮助", group: GROUP })).message.external).toBe(true);
    expect(decoded(robotMessage({ msgId: "m10", text: "帮助", senderStaffId: "staff-1", group: GROUP })).message.external).toBeUndefined();
    // A direct chat is no group: nobody else reads it.
    expect(decoded(robotMessage({ msgId: "m11", text: "帮助" })).message.external).toBeUndefined();
  });

  it("reads the text of rich text and the transcript of a voice message", () => {
    const rich = { ...robotMessage({ msgId: "m4", senderStaffId: "s", msgtype: "richText" }), content: { richText: [{ text: "我还差" }, { downloadCode: "x" }, { text: "多少学分" }] } };
    expect(decoded(rich).message.text).toBe("我还差多少学分");
    const audio = { ...robotMessage({ msgId: "m5", senderStaffId: "s", msgtype: "audio" }), content: { recognition: "我还差多少学分", duration: 3 } };
    expect(decoded(audio).message.text).toBe("我还差多少学分");
  });

  it("passes a message type without text on as an empty message, naming the type", () => {
    const picture = { ...robotMessage({ msgId: "m6", senderStaffId: "s", msgtype: "picture" }), content: { downloadCode: "abc" } };
    expect(decoded(picture)).toMatchObject({ message: { text: "" }, unreadableType: "picture" });
    const brokenRich = { ...robotMessage({ msgId: "m7", senderStaffId: "s", msgtype: "richText" }), content: "nope" };
    expect(decoded(brokenRich).unreadableType).toBe("richText");
  });

  it("refuses what is not a robot message, saying which field is wrong", () => {
    expect(decodeRobotMessage(null, now)).toMatchObject({ ok: false });
    expect(decodeRobotMessage("text", now)).toMatchObject({ ok: false });
    const { msgId: _dropped, ...noId } = robotMessage({ msgId: "m8", text: "x" });
    expect(decodeRobotMessage(noId, now)).toEqual({ ok: false, problem: expect.stringContaining("msgId") });
    expect(decodeRobotMessage({ ...robotMessage({ msgId: "m9", text: "x" }), conversationType: "3" }, now)).toEqual({
      ok: false,
      problem: expect.stringContaining("conversationType"),
    });
  });
});

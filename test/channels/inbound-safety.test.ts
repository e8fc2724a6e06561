import { describe, expect, it } from "vitest";
import { checkInbound } from "../../src/channels/inbound-safety.js";
import type { ChatMessage } from "../../src/channels/types.js";

const message = (fields: Partial<ChatMessage> = {}): ChatMessage => ({
  platform: "dingtalk",
  chatType: "group",
  chatId: "cidGroup==",
  senderId: "staff-1",
  senderName: "李娜",
  text: "我还差多少学分",
  mentionedBot: true,
  mentions: [],
  messageId: "msg-1",
  sentAt: new Date("2026-11-23T02:00:00Z"),
  ...fields,
});

describe("inbound messages at the platform boundary", () => {
  it.each([
    ["senderId", { senderId: "staff\u0000" }],
    ["chatId", { chatId: "cid\u0007" }],
    ["messageId", { messageId: "msg\n1" }],
    ["mentions", { mentions: ["ok", "bad\u001b"] }],
  ] as [string, Partial<ChatMessage>][])("refuses a message whose %s holds a control character, naming the field", (field, fields) => {
    expect(checkInbound(message(fields))).toEqual({ ok: false, field });
  });

  it("refuses a platform id stored beside the message, by its name", () => {
    expect(checkInbound(message(), { robotCode: "robot\u0000" })).toEqual({ ok: false, field: "robotCode" });
    expect(checkInbound(message(), { robotCode: undefined })).toMatchObject({ ok: true });
  });

  it("keeps line breaks and tabs in the text and removes controls, zero-width and bidi characters from it and from the name", () => {
    const checked = checkInbound(message({ text: "第一行\n第二\u0000行\t\u202e完\u200b成\u0007", senderName: "李\u202e娜\u0000" }));
    expect(checked).toEqual({ ok: true, message: message({ text: "第一行\n第二行\t完成", senderName: "李娜" }) });
  });
});

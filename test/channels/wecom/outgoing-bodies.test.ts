import { describe, expect, it } from "vitest";
import { aiBotAnswerContent } from "../../../src/channels/wecom/aibot/aibot-encode.js";
import { appChatBodies, appMessageBodies, robotWebhookBodies } from "../../../src/channels/wecom/send/outgoing-bodies.js";
import { splitUtf8, truncateUtf8, utf8Length } from "../../../src/channels/wecom/send/utf8-chunks.js";

const lines = (count: number, line = "学分提醒：请在本周五前提交心得体会。") => Array.from({ length: count }, () => line).join("\n");

describe("WeCom message bodies", () => {
  it("counts limits in UTF-8 bytes and splits at line ends, never inside a character", () => {
    const text = lines(200);
    const pieces = splitUtf8(text, 2048);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(utf8Length(piece)).toBeLessThanOrEqual(2048);
    expect(pieces.join("\n")).toBe(text);
    const emoji = "😀".repeat(1000);
    const cut = splitUtf8(emoji, 2048);
    expect(cut.join("")).toBe(emoji);
    for (const piece of cut) expect(utf8Length(piece)).toBeLessThanOrEqual(2048);
    expect(utf8Length(truncateUtf8(emoji, 100))).toBeLessThanOrEqual(100);
  });

  it("group robot text: ≤ 2048 bytes a message, mentioned_list on the first part only", () => {
    const bodies = robotWebhookBodies({ format: "text", text: lines(150), mentions: ["zhangli", "@all"] });
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies[0]).toMatchObject({ msgtype: "text", text: { mentioned_list: ["zhangli", "@all"] } });
    expect(bodies[1]).toEqual({ msgtype: "text", text: { content: expect.any(String) } });
    for (const body of bodies) expect(body.msgtype === "text" && utf8Length(body.text.content)).toBeLessThanOrEqual(2048);
  });

  it("group robot markdown: ≤ 4096 bytes a message, mentions as <@userid>", () => {
    const bodies = robotWebhookBodies({ format: "markdown", text: lines(150), mentions: ["zhangli"] });
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies[0]?.msgtype === "markdown" && bodies[0].markdown.content.startsWith("<@zhangli>\n")).toBe(true);
    for (const body of bodies) expect(body.msgtype === "markdown" && utf8Length(body.markdown.content)).toBeLessThanOrEqual(4096);
  });

  it("message/send and appchat/send bodies", () => {
    expect(appMessageBodies("1000002", "lina", { format: "text", text: "你好", mentions: [] })).toEqual([
      { touser: "lina", agentid: 1000002, safe: 0, msgtype: "text", text: { content: "你好" } },
    ]);
    expect(appChatBodies("CHAT1", { format: "markdown", text: "**通知**", mentions: [] })).toEqual([
      { chatid: "CHAT1", safe: 0, msgtype: "markdown", markdown: { content: "**通知**" } },
    ]);
  });

  it("an AI bot answer joins the replies and stays within a stream's 20480 bytes", () => {
    expect(aiBotAnswerContent([{ format: "text", text: "一", mentions: [] }, { format: "text", text: "二", mentions: [] }])).toBe("一\n\n二");
    expect(utf8Length(aiBotAnswerContent([{ format: "text", text: lines(1000), mentions: [] }]))).toBeLessThanOrEqual(20_480);
  });
});

import type { Reply } from "../types.js";

/**
 * A reply in DingTalk's two message dialects: the webhook one (sessionWebhook and custom robots, which
 * can @ people) and the OpenAPI one (a template key plus its parameters as a JSON *string*).
 */

export type WebhookMessage =
  | { msgtype: "text"; text: { content: string }; at: WebhookMentions }
  | { msgtype: "markdown"; markdown: { title: string; text: string }; at: WebhookMentions };

type WebhookMentions = { atUserIds: string[]; isAtAll: false };

export type OpenApiMessage = { msgKey: "sampleText" | "sampleMarkdown"; msgParam: string };

export function toWebhookMessage(reply: Reply): WebhookMessage {
  const at: WebhookMentions = { atUserIds: reply.mentions, isAtAll: false };
  // DingTalk only highlights and notifies a mention whose "@id" also appears in the text.
  const text = reply.mentions.length > 0 ? `${reply.text}\n${reply.mentions.map((id) => `@${id}`).join(" ")}` : reply.text;
  return reply.format === "markdown"
    ? { msgtype: "markdown", markdown: { title: titleOf(reply.text), text }, at }
    : { msgtype: "text", text: { content: text }, at };
}

export function toOpenApiMessage(reply: Reply): OpenApiMessage {
  return reply.format === "markdown"
    ? { msgKey: "sampleMarkdown", msgParam: JSON.stringify({ title: titleOf(reply.text), text: reply.text }) }
    : { msgKey: "sampleText", msgParam: JSON.stringify({ content: reply.text }) };
}

/** The notification preview of a markdown message: its first line without markdown marks. */
function titleOf(markdown: string): string {
  const firstLine = markdown.split("\n").find((line) => line.trim().length > 0) ?? "";
  const plain = firstLine.replace(/^[#>\-*\s]+/, "").replace(/[*_`]/g, "").trim();
  return plain.length > 30 ? `${plain.slice(0, 29)}…` : plain || "继教学分助手";
}

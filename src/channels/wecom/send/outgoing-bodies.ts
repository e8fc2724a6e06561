import type { Reply } from "../../types.js";
import { replyAsMarkdown } from "./reply-text.js";
import { splitUtf8 } from "./utf8-chunks.js";

/**
 * Replies turned into the JSON bodies of WeCom's send APIs, one body per message: content over a limit is
 * split into several messages rather than cut, since a notice must arrive whole.
 */

/** Group robot (消息推送) limits: text content 2048 bytes, markdown content 4096 bytes. */
const ROBOT_TEXT_MAX_BYTES = 2048;
const ROBOT_MARKDOWN_MAX_BYTES = 4096;
/** message/send and appchat/send take at most 2048 bytes of text or markdown. */
const APP_CONTENT_MAX_BYTES = 2048;

export type RobotWebhookBody =
  | { msgtype: "text"; text: { content: string; mentioned_list?: string[] } }
  | { msgtype: "markdown"; markdown: { content: string } };

export type AppMessageBody = { touser: string; agentid: number; safe: 0 } & TextOrMarkdown;
export type AppChatBody = { chatid: string; safe: 0 } & TextOrMarkdown;
type TextOrMarkdown = { msgtype: "text"; text: { content: string } } | { msgtype: "markdown"; markdown: { content: string } };

/** Text mentions people through mentioned_list (on the first part only); markdown through <@userid>. */
export function robotWebhookBodies(reply: Reply): RobotWebhookBody[] {
  if (reply.format === "markdown") {
    return splitUtf8(replyAsMarkdown(reply), ROBOT_MARKDOWN_MAX_BYTES).map((content) => ({ msgtype: "markdown", markdown: { content } }));
  }
  return splitUtf8(reply.text, ROBOT_TEXT_MAX_BYTES).map((content, index) => ({
    msgtype: "text",
    text: index === 0 && reply.mentions.length > 0 ? { content, mentioned_list: reply.mentions } : { content },
  }));
}

export function appMessageBodies(agentId: string, toUser: string, reply: Reply): AppMessageBody[] {
  return textOrMarkdown(reply).map((message) => ({ touser: toUser, agentid: Number(agentId), safe: 0, ...message }));
}

/** appchat text has no mention list; mentions are kept only in markdown, as <@userid>. */
export function appChatBodies(chatId: string, reply: Reply): AppChatBody[] {
  return textOrMarkdown(reply).map((message) => ({ chatid: chatId, safe: 0, ...message }));
}

function textOrMarkdown(reply: Reply): TextOrMarkdown[] {
  if (reply.format === "markdown") {
    return splitUtf8(replyAsMarkdown(reply), APP_CONTENT_MAX_BYTES).map((content) => ({ msgtype: "markdown", markdown: { content } }));
  }
  return splitUtf8(reply.text, APP_CONTENT_MAX_BYTES).map((content) => ({ msgtype: "text", text: { content } }));
}

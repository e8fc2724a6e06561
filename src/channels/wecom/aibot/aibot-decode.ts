import type { ChatMessage } from "../../types.js";
import type { AiBotUserMessage } from "./aibot-payload.js";

/**
 * An AI bot message as the bot core sees it. In a group WeCom delivers only messages that @-mention the
 * bot, so `mentionedBot` is true there by construction; the "@Bot" left in the text is the bot core's to
 * strip. A single chat has no chatid: the conversation is named after the user.
 */
export function decodeAiBotMessage(payload: AiBotUserMessage, receivedAt: Date): ChatMessage {
  const groupChatId = payload.chattype === "group" ? payload.chatid : undefined;
  return {
    platform: "wecom",
    chatType: groupChatId === undefined ? "direct" : "group",
    chatId: groupChatId ?? payload.from.userid,
    senderId: payload.from.userid,
    text: textOf(payload),
    mentionedBot: groupChatId !== undefined,
    mentions: [],
    messageId: payload.msgid,
    sentAt: payload.create_time === undefined ? receivedAt : new Date(payload.create_time * 1000),
  };
}

function textOf(payload: AiBotUserMessage): string {
  switch (payload.msgtype) {
    case "text":
      return payload.text.content;
    case "voice":
      return payload.voice.content;
    case "mixed":
      return payload.mixed.msg_item.flatMap((item) => (item.text ? [item.text.content] : [])).join("\n");
  }
}

import type { ChatMessage } from "../../types.js";
import type { AppTextMessage } from "./app-payload.js";

/** A member's message to the app's own conversation: always a direct chat, named after the member. */
export function decodeAppMessage(message: AppTextMessage): ChatMessage {
  return {
    platform: "wecom",
    chatType: "direct",
    chatId: message.FromUserName,
    senderId: message.FromUserName,
    text: message.Content,
    mentionedBot: false,
    mentions: [],
    messageId: message.MsgId,
    sentAt: new Date(Number(message.CreateTime) * 1000),
  };
}

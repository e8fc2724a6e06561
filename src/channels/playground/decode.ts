import { randomUUID } from "node:crypto";
import type { ChatMessage } from "../types.js";

/** Where the playground speaks: a direct chat with the bot, or a named group. */
export type PlaygroundPlace = { kind: "direct" } | { kind: "group"; name: string };

/** In a group, a line starting with this is said to colleagues: the bot is not @-mentioned. */
export const TO_COLLEAGUES = "//";

/** The group chat id every playground session of this name shares, so groups are remembered across runs. */
const playgroundGroupId = (name: string) => `playground-group:${name}`;

/** One typed line as the message a platform would deliver. */
export function playgroundMessage(line: string, senderId: string, place: PlaygroundPlace, sentAt: Date): ChatMessage {
  const toColleagues = place.kind === "group" && line.startsWith(TO_COLLEAGUES);
  return {
    platform: "playground",
    chatType: place.kind,
    chatId: place.kind === "group" ? playgroundGroupId(place.name) : `playground-direct:${senderId}`,
    senderId,
    text: toColleagues ? line.slice(TO_COLLEAGUES.length).trim() : line,
    mentionedBot: place.kind === "direct" || !toColleagues,
    mentions: [],
    messageId: `playground:${randomUUID()}`,
    sentAt,
  };
}

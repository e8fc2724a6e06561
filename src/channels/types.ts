/**
 * What every chat platform is reduced to before the bot sees it, and what the bot answers. Channels
 * translate to and from these; nothing beyond src/channels/ knows a platform's own words.
 */

export type Platform = "wecom" | "dingtalk" | "playground";

export type ChatMessage = {
  platform: Platform;
  chatType: "group" | "direct";
  /** The group's (or direct conversation's) id on the platform. */
  chatId: string;
  /** The sender's user id on the platform. */
  senderId: string;
  senderName?: string;
  text: string;
  /** Whether the bot itself was @-mentioned, from the platform's structured field, not the text. */
  mentionedBot: boolean;
  /** Platform user ids @-mentioned besides the bot. */
  mentions: string[];
  /** The platform said this group has members from outside the organisation (never gets school traffic). */
  external?: boolean;
  /** The platform's message id, the key for dedup. */
  messageId: string;
  sentAt: Date;
};

export type Reply = {
  format: "text" | "markdown";
  text: string;
  /** Platform user ids to @-mention with this reply. */
  mentions: string[];
};

/**
 * A platform's way of sending what the outbox holds. Implementations throw the coordination layer's
 * RetryLaterError for a transient failure (rate limit, 5xx, network) and PermanentJobError when sending
 * can never succeed (no send method for the group, robot removed, content refused).
 */
export interface OutboundSender {
  sendToGroup(group: { id: string; chatId: string; delivery: unknown }, message: Reply): Promise<void>;
  sendToPerson(platformUserId: string, message: Reply): Promise<void>;
}

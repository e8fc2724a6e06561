import { hasControlCharacters, withoutInvisible } from "../domain/text-safety.js";
import type { ChatMessage } from "./types.js";

export type CheckedMessage = { ok: true; message: ChatMessage } | { ok: false; field: string };

/** No platform puts a control character or a line break in an id; PostgreSQL refuses NUL in text outright. */
const unsafeId = (id: string) => /[\t\n\r]/.test(id) || hasControlCharacters(id);

/**
 * Every decoded message passes here before the bot, the dedup store or the database sees it. A message whose
 * ids (and `otherIds`: platform details stored beside it) hold control characters is refused, naming the
 * field; the channel drops it with a warning and acknowledges it so the platform does not resend it. Text
 * and the sender's name lose control and invisible characters and keep their line breaks and tabs.
 */
export function checkInbound(message: ChatMessage, otherIds: Record<string, string | undefined> = {}): CheckedMessage {
  const ids: Record<string, string | undefined> = { senderId: message.senderId, chatId: message.chatId, messageId: message.messageId, ...otherIds };
  for (const [field, id] of Object.entries(ids)) {
    if (id !== undefined && unsafeId(id)) return { ok: false, field };
  }
  if (message.mentions.some(unsafeId)) return { ok: false, field: "mentions" };
  return {
    ok: true,
    message: {
      ...message,
      text: withoutInvisible(message.text),
      ...(message.senderName === undefined ? {} : { senderName: withoutInvisible(message.senderName) }),
    },
  };
}

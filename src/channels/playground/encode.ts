import type { Reply } from "../types.js";

const BOT_PREFIX = "🤖 ";
/** Continuation lines line up under the first line's text (the emoji takes two columns). */
const INDENT = "   ";

/** A reply as terminal text: the bot's prefix, then the @-mentions by name, as a chat app shows them. */
export function renderReply(reply: Reply, nameOf: (platformUserId: string) => string): string {
  const mentions = reply.mentions.map((id) => `@${nameOf(id)}`).join(" ");
  const lines = [...reply.text.split("\n"), ...(mentions ? [mentions] : [])];
  return lines.map((line, index) => (index === 0 ? BOT_PREFIX : INDENT) + line).join("\n");
}

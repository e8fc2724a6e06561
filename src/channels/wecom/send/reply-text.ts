import type { Reply } from "../../types.js";

/**
 * A reply as WeCom markdown: people to notify are written as <@userid>, the only way markdown messages
 * mention anyone (they take no mentioned_list).
 */
export function replyAsMarkdown(reply: Reply): string {
  const mentions = reply.mentions.map((userId) => `<@${userId}>`).join(" ");
  return mentions ? `${mentions}\n${reply.text}` : reply.text;
}

/** Several replies shown as one message, where a platform allows only one answer (stream, response_url). */
export function repliesAsOneMarkdown(replies: readonly Reply[]): string {
  return replies.map(replyAsMarkdown).join("\n\n");
}

import type { Reply } from "../../types.js";
import { repliesAsOneMarkdown } from "../send/reply-text.js";
import { truncateUtf8 } from "../send/utf8-chunks.js";

/** A stream's content is markdown of at most 20480 bytes. */
const STREAM_CONTENT_MAX_BYTES = 20_480;

/** The plaintext of a passive reply that answers in one go: a stream that is finished at once. */
export function finishedStreamReply(streamId: string, content: string): string {
  return JSON.stringify({ msgtype: "stream", stream: { id: streamId, finish: true, content } });
}

/** The markdown one answer carries, cut to what a stream or a response_url message can hold. */
export function aiBotAnswerContent(replies: readonly Reply[]): string {
  return truncateUtf8(repliesAsOneMarkdown(replies), STREAM_CONTENT_MAX_BYTES);
}

/** The JSON posted to a message's response_url (plain, not encrypted) when the answer came too late. */
export function responseUrlBody(content: string): { msgtype: "markdown"; markdown: { content: string } } {
  return { msgtype: "markdown", markdown: { content } };
}

/** The encrypted envelope a passive reply travels in; WeCom's template has every value as a string. */
export function passiveReplyBody(sealed: { encrypted: string; signature: string }, timestamp: string, nonce: string) {
  return { encrypt: sealed.encrypted, msgsignature: sealed.signature, timestamp, nonce };
}

import type { Reply } from "../channels/types.js";
import type { Conversation } from "./context.js";
import { dropSession, saveSession, takeSession } from "./sessions.js";

/** Lines per reply: a phone screen shows about this many list items without scrolling. */
export const PAGE_SIZE = 8;
const PAGES_KEPT_MS = 30 * 60_000;

type StoredPages = { pages: string[]; total: number };

function pageText(conversation: Conversation, body: string, index: number, total: number, footerTemplate?: string): string {
  if (total <= 1) return body;
  const footer = conversation.deps.templates.render(footerTemplate ?? (index + 1 < total ? "page-more" : "page-last"), { page: index + 1, total });
  return `${body}\n${footer}`;
}

/**
 * Answers with the first page of a long list and keeps the rest for 「更多」. `header` opens every page so a
 * later page still says what it is a list of; `lead` opens only the first (a preview the list belongs to).
 */
export async function paged(conversation: Conversation, header: string, lines: string[], trailer = "", lead = ""): Promise<Reply[]> {
  const chunks: string[][] = [];
  for (let start = 0; start < lines.length; start += PAGE_SIZE) chunks.push(lines.slice(start, start + PAGE_SIZE));
  if (chunks.length === 0) chunks.push([]);
  const bodies = chunks.map((chunk, index) =>
    [index === 0 ? lead : "", header, ...chunk, ...(index === chunks.length - 1 && trailer ? [trailer] : [])].filter(Boolean).join("\n"),
  );
  if (conversation.pagesAtOnce) {
    return bodies.map((body, index) => ({ format: "text", text: pageText(conversation, body, index, bodies.length, "page-of"), mentions: [] }));
  }
  if (bodies.length > 1) {
    const expiresAt = new Date(conversation.deps.now().getTime() + PAGES_KEPT_MS);
    await saveSession(conversation.deps.prisma, conversation.message, "paging", { pages: bodies.slice(1), total: bodies.length }, expiresAt);
  }
  return [{ format: "text", text: pageText(conversation, bodies[0]!, 0, bodies.length), mentions: [] }];
}

/** The next kept page, or a note that there is nothing more. */
export async function nextPage(conversation: Conversation): Promise<Reply[]> {
  const { prisma, now } = conversation.deps;
  const stored = (await takeSession(prisma, conversation.message, "paging", now())) as StoredPages | undefined;
  if (!stored || stored.pages.length === 0) return [conversation.say("page-none")];
  const [current, ...rest] = stored.pages as [string, ...string[]];
  const index = stored.total - stored.pages.length;
  if (rest.length > 0) {
    await saveSession(prisma, conversation.message, "paging", { pages: rest, total: stored.total }, new Date(now().getTime() + PAGES_KEPT_MS));
  }
  return [{ format: "text", text: pageText(conversation, current, index, stored.total), mentions: [] }];
}

/**
 * Forgets the kept pages: 「更多」 continues only the answer just before it, so any other message ends the
 * list (and a new list replaces it).
 */
export function dropPages(conversation: Conversation): Promise<void> {
  return dropSession(conversation.deps.prisma, conversation.message, "paging");
}

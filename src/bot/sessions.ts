import type { ChatMessage } from "../channels/types.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";

/**
 * Short-lived state of one sender in one chat (the next pages of a long answer, an action waiting for
 * 确认), kept in the database so any instance can pick up the conversation.
 */
export type SessionKind =
  | "paging"
  /** A previewed side effect waiting for 确认 (pending-action.ts). */
  | "pending_action"
  /** The fallback's apology emoji was shown; it is not repeated within the conversation. */
  | "fallback_shown";

const where = (message: ChatMessage, kind: SessionKind) => ({
  platform_chatId_senderId_kind: { platform: message.platform, chatId: message.chatId, senderId: message.senderId, kind },
});

export async function saveSession(
  prisma: PrismaClient,
  message: ChatMessage,
  kind: SessionKind,
  payload: Prisma.InputJsonValue,
  expiresAt: Date,
): Promise<void> {
  await prisma.botSession.upsert({
    where: where(message, kind),
    create: { platform: message.platform, chatId: message.chatId, senderId: message.senderId, kind, payload, expiresAt },
    update: { payload, expiresAt },
  });
}

/** The session's payload if it exists, has not expired and no one took it first; it is removed either way. */
export async function takeSession(prisma: PrismaClient, message: ChatMessage, kind: SessionKind, now: Date): Promise<unknown> {
  const found = await prisma.botSession.findUnique({ where: where(message, kind) });
  if (!found) return undefined;
  // Only the caller whose delete removed the row gets the payload: two 确认 at once confirm one notice.
  const { count } = await prisma.botSession.deleteMany({ where: { id: found.id } });
  return count === 1 && found.expiresAt > now ? found.payload : undefined;
}

/** The payload of the sender's unexpired session of this kind, leaving it in place. */
export async function peekSession(prisma: PrismaClient, message: ChatMessage, kind: SessionKind, now: Date): Promise<unknown> {
  const found = await prisma.botSession.findUnique({ where: where(message, kind) });
  return found !== null && found.expiresAt > now ? found.payload : undefined;
}

/** Removes the session if there is one. */
export async function dropSession(prisma: PrismaClient, message: ChatMessage, kind: SessionKind): Promise<void> {
  await prisma.botSession.deleteMany({ where: { platform: message.platform, chatId: message.chatId, senderId: message.senderId, kind } });
}

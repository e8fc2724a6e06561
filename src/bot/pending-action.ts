import type { Prisma } from "../generated/prisma/client.js";
import type { Conversation } from "./context.js";
import type { Intent } from "./intents/index.js";
import { peekSession, saveSession, takeSession } from "./sessions.js";

/**
 * A command with side effects (a notice, a 催交 that @-mentions a group, a review that overturns someone
 * else's, a teacher withdrawing a link) first shows what it will do and waits here for the sender's 确认.
 * One per sender and chat: a newer preview replaces the older one, and the preview says so.
 */
export type PendingAction = {
  /** The command that previewed it: 确认 runs that command's confirmed step (CONFIRMED in handlers/confirmation.ts). */
  action: PendingActionName;
  /** The first line of what would happen, shown when it is replaced or cancelled. */
  summary: string;
  payload: Prisma.InputJsonValue;
};

export type PendingActionName = "notice" | "remind" | "review" | "withdraw";

/** Long enough to read the preview, check it and ask a colleague; short enough not to go stale. */
export const CONFIRMATION_MINUTES = 15;

/** The waiting action, without taking it. */
function stillWaiting(conversation: Conversation): Promise<PendingAction | undefined> {
  const { deps, message } = conversation;
  return peekSession(deps.prisma, message, "pending_action", deps.now()) as Promise<PendingAction | undefined>;
}

/** Keeps the action waiting for 确认; returns the one it replaced, if one was still waiting. */
export async function awaitConfirmation(conversation: Conversation, pending: PendingAction): Promise<PendingAction | undefined> {
  const { deps, message } = conversation;
  const replaced = await stillWaiting(conversation);
  const expiresAt = new Date(deps.now().getTime() + CONFIRMATION_MINUTES * 60_000);
  await saveSession(deps.prisma, message, "pending_action", pending, expiresAt);
  return replaced;
}

/** The waiting action, removed so that two 确认 at once carry it out once. */
export async function takePendingAction(conversation: Conversation): Promise<PendingAction | undefined> {
  return (await takeSession(conversation.deps.prisma, conversation.message, "pending_action", conversation.deps.now())) as PendingAction | undefined;
}

/**
 * 好的 / 可以 / 发吧 / 嗯 / ok answer a preview the sender is looking at; with nothing waiting they are
 * only small talk. The one place an acknowledgement becomes a 确认.
 */
export async function withAcknowledgementAsConfirm(conversation: Conversation, intent: Intent): Promise<Intent> {
  if (intent.kind !== "small_talk" || intent.topic !== "acknowledgement") return intent;
  return (await stillWaiting(conversation)) !== undefined ? { kind: "confirm" } : intent;
}

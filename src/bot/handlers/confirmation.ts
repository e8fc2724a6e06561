import type { Reply } from "../../channels/types.js";
import { mayUse } from "../commands/command.js";
import { commandFor } from "../commands/index.js";
import type { Conversation, TeacherConversation } from "../context.js";
import { paged } from "../paging.js";
import { awaitConfirmation, CONFIRMATION_MINUTES, takePendingAction, type PendingAction, type PendingActionName } from "../pending-action.js";
import { sendNotice } from "./admin/confirm-notice.js";
import { sendReminder } from "./admin/remind.js";
import { overturnReview } from "./admin/review.js";
import { notYourCommandHandler } from "./fallback.js";
import { withdrawConfirmed } from "./withdraw.js";

/** What each previewed command does once confirmed, with the payload its preview stored. */
const CONFIRMED: { [Name in PendingActionName]: (conversation: TeacherConversation, payload: never) => Promise<Reply[]> } = {
  notice: sendNotice,
  remind: sendReminder,
  review: overturnReview,
  withdraw: withdrawConfirmed,
};

/** 确认 (or 好的 while something waits): carries out the sender's waiting action. */
export async function confirmHandler(conversation: TeacherConversation): Promise<Reply[]> {
  const pending = await takePendingAction(conversation);
  if (!pending) return [conversation.say("confirm-none", { minutes: CONFIRMATION_MINUTES })];
  // Roles can change while a preview waits: the command's own users decide again.
  const definition = commandFor(pending.action);
  if (definition !== undefined && !mayUse(conversation.actor.roles, definition)) return notYourCommandHandler(conversation, definition);
  return CONFIRMED[pending.action](conversation, pending.payload as never);
}

/** 取消: drops the sender's waiting action, saying which. */
export async function cancelHandler(conversation: TeacherConversation): Promise<Reply[]> {
  const pending = await takePendingAction(conversation);
  if (!pending) return [conversation.say("confirm-none", { minutes: CONFIRMATION_MINUTES })];
  return [conversation.say("confirm-cancelled", pending)];
}

/**
 * Shows what a command will do and keeps it waiting for 确认. If another action was still waiting, the
 * reply opens by saying it was replaced, with its first line, so nothing is dropped silently. `lines`
 * (the groups a notice reaches, say) are paged under `header`, with 「更多」 for the rest.
 */
export async function preview(
  conversation: Conversation,
  pending: PendingAction,
  template: string,
  data: object,
  list: { header: string; lines: string[]; trailer?: string } = { header: "", lines: [] },
): Promise<Reply[]> {
  const replaced = await awaitConfirmation(conversation, pending);
  const { render } = conversation.deps.templates;
  const lead = [replaced ? render("confirm-replaced", replaced) : "", render(template, { ...data, minutes: CONFIRMATION_MINUTES })]
    .filter(Boolean)
    .join("\n");
  return paged(conversation, list.lines.length > 0 ? list.header : "", list.lines, list.trailer, lead);
}

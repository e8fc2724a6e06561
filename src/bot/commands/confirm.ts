import { confirmHandler } from "../handlers/confirmation.js";
import { matchAcknowledgement } from "../intents/acknowledgement.js";
import { matchConfirm } from "../intents/conversation.js";
import { command } from "./command.js";

/**
 * 确认 carries out the sender's waiting preview, whatever command made it (pending-action.ts). This
 * command also recognises 好的 / 可以 / ok, as small talk: the pipeline turns it into 确认 only while
 * something waits.
 */
export const confirm = command({
  kind: "confirm",
  match: (message) => matchConfirm(message) ?? matchAcknowledgement(message),
  users: "everyone",
  sideEffects: false,
  examples: [],
  handle: confirmHandler,
});

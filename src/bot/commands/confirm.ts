import { confirmHandler } from "../handlers/confirmation.js";
import { matchConfirm } from "../intents/conversation.js";
import { command } from "./command.js";

/**
 * 确认 carries out the sender's waiting preview, whatever command made it (pending-action.ts). 好的 / 可以 /
 * ok are small talk (an acknowledgement): the pipeline turns them into 确认 only while something waits.
 */
export const confirm = command({
  kind: "confirm",
  match: matchConfirm,
  users: "everyone",
  sideEffects: false,
  examples: [],
  handle: confirmHandler,
});

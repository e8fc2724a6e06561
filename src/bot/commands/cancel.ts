import { cancelHandler } from "../handlers/confirmation.js";
import { matchCancel } from "../intents/conversation.js";
import { command } from "./command.js";

/** 取消 drops the sender's waiting preview, whatever command made it. */
export const cancel = command({
  kind: "cancel",
  match: matchCancel,
  users: "everyone",
  sideEffects: false,
  examples: [],
  handle: cancelHandler,
});

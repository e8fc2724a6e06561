import { confirmNotice } from "../handlers/admin/confirm-notice.js";
import { matchConfirm } from "../intents/conversation.js";
import { command } from "./command.js";

export const confirm = command({
  kind: "confirm",
  match: matchConfirm,
  users: "everyone",
  sideEffects: false,
  examples: [],
  handle: confirmNotice,
});

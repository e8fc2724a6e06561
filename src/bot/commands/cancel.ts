import { cancelNotice } from "../handlers/admin/cancel-notice.js";
import { matchCancel } from "../intents/conversation.js";
import { command } from "./command.js";

export const cancel = command({
  kind: "cancel",
  match: matchCancel,
  users: "everyone",
  sideEffects: false,
  examples: [],
  handle: cancelNotice,
});

import { contactHandler } from "../handlers/contact.js";
import { matchContact } from "../intents/contact.js";
import { command } from "./command.js";

/** Answered before binding too: someone who changed phones is not bound on the new one. */
export const contact = command({
  kind: "contact",
  match: matchContact,
  users: "everyone",
  sideEffects: false,
  examples: ["学分不对", "换手机了", "账号密码忘了", "转人工", "国培学时没算上"],
  handleUnbound: (conversation, intent) => contactHandler(conversation, undefined, intent),
  handle: (conversation, intent) => contactHandler(conversation, conversation, intent),
});

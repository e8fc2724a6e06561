import { helpHandler } from "../handlers/help.js";
import { matchHelp } from "../intents/conversation.js";
import { command } from "./command.js";

export const help = command({
  kind: "help",
  match: matchHelp,
  users: "everyone",
  sideEffects: false,
  examples: ["帮助", "菜单", "你能做什么", "help"],
  handleUnbound: (conversation) => helpHandler(conversation, undefined),
  handle: (conversation) => helpHandler(conversation, conversation),
});

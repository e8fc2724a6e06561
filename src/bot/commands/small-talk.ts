import { smallTalkHandler } from "../handlers/small-talk.js";
import { matchSmallTalk } from "../intents/small-talk.js";
import { command } from "./command.js";

export const smallTalk = command({
  kind: "small_talk",
  match: matchSmallTalk,
  users: "everyone",
  sideEffects: false,
  examples: ["在吗", "谢谢", "收到", "你是谁"],
  handleUnbound: (conversation, intent) => smallTalkHandler(conversation, undefined, intent),
  handle: (conversation, intent) => smallTalkHandler(conversation, conversation, intent),
});

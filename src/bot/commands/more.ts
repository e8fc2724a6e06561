import { matchMore } from "../intents/conversation.js";
import { nextPage } from "../paging.js";
import { command } from "./command.js";

export const more = command({
  kind: "more",
  match: matchMore,
  users: "everyone",
  sideEffects: false,
  examples: [],
  handle: nextPage,
});

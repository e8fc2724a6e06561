import { withdrawHandler } from "../handlers/withdraw.js";
import { matchWithdraw } from "../intents/assignment.js";
import { command } from "./command.js";

/** The preview names the link and waits for 确认 (see confirm.ts). */
export const withdraw = command({
  kind: "withdraw",
  match: matchWithdraw,
  users: ["teacher"],
  sideEffects: true,
  examples: ["撤回", "撤回 1", "链接发错了，能撤回吗"],
  handle: withdrawHandler,
});

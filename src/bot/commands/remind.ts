import { remindHandler } from "../handlers/admin/remind.js";
import { matchRemind } from "../intents/admin-commands.js";
import { command } from "./command.js";

export const remind = command({
  kind: "remind",
  match: matchRemind,
  users: ["school_admin", "region_admin"],
  sideEffects: true,
  help: { section: "admin", topic: "催交", usage: ["催交 1（作业编号）"] },
  examples: ["催交 1", "催一下作业"],
  handle: remindHandler,
});

import { registerGroupHandler } from "../handlers/admin/register-group.js";
import { matchRegisterGroup } from "../intents/admin-commands.js";
import { command } from "./command.js";

/** The matcher also recognises 取消登记本群 (see unregister-group.ts). */
export const registerGroup = command({
  kind: "register_group",
  match: matchRegisterGroup,
  users: ["school_admin", "region_admin"],
  sideEffects: false,
  help: { section: "admin", topic: "登记本群", usage: ["登记本群（在群里发；登记后群里才收通知、提醒和名单）"] },
  examples: ["登记本群"],
  handle: registerGroupHandler,
});

import { registerGroupHandler } from "../handlers/admin/register-group.js";
import { command } from "./command.js";

/** Recognised by 登记本群's matcher: 取消登记本群. */
export const unregisterGroup = command({
  kind: "unregister_group",
  users: ["school_admin", "region_admin"],
  sideEffects: false,
  examples: ["取消登记本群"],
  handle: registerGroupHandler,
});

import { bindHandler } from "../handlers/bind.js";
import { matchBind } from "../intents/bind.js";
import { command } from "./command.js";

export const bind = command({
  kind: "bind",
  match: matchBind,
  users: "everyone",
  sideEffects: false,
  examples: ["绑定 工号 验证码", "绑定", "bind"],
  handleUnbound: bindHandler,
  handle: bindHandler,
});

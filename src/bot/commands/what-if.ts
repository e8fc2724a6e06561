import { whatIfHandler } from "../handlers/what-if.js";
import { matchWhatIf } from "../intents/what-if.js";
import { command } from "./command.js";

export const whatIf = command({
  kind: "what_if",
  match: matchWhatIf,
  users: ["teacher"],
  sideEffects: false,
  privateTopic: "测算结果",
  help: { section: "teacher", topic: "算一算", usage: ["如果再参加40学时集中培训呢"] },
  examples: ["如果再参加40学时集中培训呢", "要是再学20学时网络培训", "what if I take 40 hours of online training"],
  handle: whatIfHandler,
});

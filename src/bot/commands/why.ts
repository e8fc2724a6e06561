import { whyHandler } from "../handlers/why.js";
import { matchWhy } from "../intents/credit-questions.js";
import { command } from "./command.js";

export const why = command({
  kind: "why",
  match: matchWhy,
  users: ["teacher"],
  sideEffects: false,
  privateTopic: "学分计算过程",
  help: { section: "teacher", topic: "问算法", usage: ["怎么算的", "为什么是54分"] },
  examples: ["怎么算的", "为什么是54分", "why"],
  handle: whyHandler,
});

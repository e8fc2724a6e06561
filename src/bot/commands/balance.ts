import { balanceHandler } from "../handlers/balance.js";
import { balancePartHandler } from "../handlers/balance-part.js";
import { matchBalance } from "../intents/credit-questions.js";
import { command } from "./command.js";

export const balance = command({
  kind: "balance",
  // One part (信息技术2.0还差多少) or the whole.
  match: matchBalance,
  users: ["teacher"],
  sideEffects: false,
  privateTopic: "学分情况",
  help: { section: "teacher", topic: "查学分", usage: ["我还差多少学分", "今年学时够了吗", "集中培训够了吗"] },
  examples: ["我还差多少学分", "学分", "我的学分", "查学分", "我有多少学分", "学时够了吗", "今年学时", "how many credits do I have"],
  handle: (conversation, intent) => {
    const part = intent.part;
    return part === undefined ? balanceHandler(conversation, intent) : balancePartHandler(conversation, { ...intent, part });
  },
});

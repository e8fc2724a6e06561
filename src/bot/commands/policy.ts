import { policyHandler } from "../handlers/policy.js";
import { matchPolicy } from "../intents/policy.js";
import { command } from "./command.js";

/**
 * Rules are nobody's private business, so there is no privateTopic: the handler itself sends a make-up
 * question (the teacher's own year) by direct message.
 */
export const policy = command({
  kind: "policy",
  match: matchPolicy,
  users: ["teacher"],
  sideEffects: false,
  help: { section: "teacher", topic: "问规定", usage: ["优秀能加分吗", "几个学时算一学分", "2025年的学时还能补吗"] },
  examples: ["几个学时算一学分", "优秀能加分吗", "请假扣不扣学时", "2025年的学时还能补吗", "每年要多少学时", "不达标有什么后果"],
  handle: policyHandler,
});

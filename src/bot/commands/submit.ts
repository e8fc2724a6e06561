import { submitHandler } from "../handlers/submit.js";
import { matchSubmit } from "../intents/submit.js";
import { command } from "./command.js";

/** The link itself is the confirmation: it can be replaced by sending another until it is reviewed. */
export const submit = command({
  kind: "submit",
  match: matchSubmit,
  users: ["teacher"],
  sideEffects: false,
  examples: ["交作业 1 https://…", "提交心得", "交作业", "提交评课", "交教学设计", "submit"],
  handle: submitHandler,
});

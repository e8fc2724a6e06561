import { detailsHandler } from "../handlers/details.js";
import { matchDetails } from "../intents/credit-questions.js";
import { command } from "./command.js";

export const details = command({
  kind: "details",
  match: matchDetails,
  users: ["teacher"],
  sideEffects: false,
  privateTopic: "学分明细",
  help: { section: "teacher", topic: "看明细", usage: ["学分明细", "2025年的记录"] },
  examples: ["学分明细", "我的记录", "2024年的记录", "my records"],
  handle: detailsHandler,
});

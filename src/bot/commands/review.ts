import { reviewHandler } from "../handlers/admin/review.js";
import { matchReview } from "../intents/admin-commands.js";
import { command } from "./command.js";

export const review = command({
  kind: "review",
  match: matchReview,
  users: ["reviewer", "region_admin"],
  sideEffects: false,
  help: { section: "reviewer", topic: "评审", usage: ["审核 15 通过 18", "审核 15 退回 原因"] },
  examples: ["审核 15 通过 18", "审核 15 退回 字数不够"],
  handle: reviewHandler,
});

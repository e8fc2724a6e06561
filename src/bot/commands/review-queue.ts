import { reviewQueueHandler } from "../handlers/admin/review-queue.js";
import { matchReviewQueue } from "../intents/admin-questions.js";
import { command } from "./command.js";

export const reviewQueue = command({
  kind: "review_queue",
  match: matchReviewQueue,
  users: ["reviewer", "region_admin"],
  sideEffects: false,
  // Names and links of colleagues' work go to the reviewer, not the group.
  privateTopic: "待评审列表",
  help: { section: "reviewer", topic: "待审核", usage: ["待审核（要评审的作业和链接）"] },
  examples: ["待审核", "有哪些要审核的", "审核"],
  handle: reviewQueueHandler,
});

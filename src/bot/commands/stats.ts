import { statsHandler } from "../handlers/admin/stats.js";
import { matchStats } from "../intents/admin-commands.js";
import { command } from "./command.js";

export const stats = command({
  kind: "stats",
  match: matchStats,
  users: ["school_admin", "region_admin", "reviewer"],
  sideEffects: false,
  help: { section: "admin", topic: "交作业情况", usage: ["统计 1", "谁没交"] },
  examples: ["统计 1", "谁没交作业", "统计"],
  handle: statsHandler,
});

import { jobsHandler } from "../handlers/admin/jobs.js";
import { matchJobs } from "../intents/jobs.js";
import { command } from "./command.js";

export const jobs = command({
  kind: "jobs",
  match: matchJobs,
  users: ["school_admin", "region_admin"],
  sideEffects: false,
  help: { section: "admin", topic: "发送情况", usage: ["发送情况（通知和提醒发得怎样）"] },
  examples: ["发送情况", "提醒情况", "定时任务"],
  handle: jobsHandler,
});

import { tasksHandler } from "../handlers/tasks.js";
import { matchTasks } from "../intents/tasks.js";
import { command } from "./command.js";

export const tasks = command({
  kind: "tasks",
  match: matchTasks,
  users: ["teacher"],
  sideEffects: false,
  privateTopic: "作业情况",
  help: { section: "teacher", topic: "作业", usage: ["我的作业", "交作业 1 https://…"] },
  examples: ["我的作业", "待办", "有什么要交的", "作业", "my tasks"],
  handle: tasksHandler,
});

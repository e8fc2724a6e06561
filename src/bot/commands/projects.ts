import { projectsHandler } from "../handlers/projects.js";
import { matchProjects } from "../intents/projects.js";
import { command } from "./command.js";

export const projects = command({
  kind: "projects",
  match: matchProjects,
  users: ["teacher"],
  sideEffects: false,
  help: { section: "teacher", topic: "培训", usage: ["最近有什么培训", "报名 P2026-02"] },
  examples: ["最近有什么培训", "培训", "有啥培训", "报名什么", "trainings"],
  handle: projectsHandler,
});

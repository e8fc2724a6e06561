import type { Reply } from "../../channels/types.js";
import type { TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";
import { nextPage } from "../paging.js";
import { adminHandler } from "./admin/index.js";
import { balanceHandler } from "./balance.js";
import { bindHandler } from "./bind.js";
import { detailsHandler } from "./details.js";
import { helpHandler } from "./help.js";
import { personal } from "./personal.js";
import { enrollHandler, projectsHandler } from "./projects.js";
import { submitHandler } from "./submit.js";
import { tasksHandler } from "./tasks.js";
import { unknownHandler } from "./unknown.js";
import { whatIfHandler } from "./what-if.js";
import { whyHandler } from "./why.js";

/** The handler for what a bound teacher asked. */
export function handlerFor(intent: Intent): (conversation: TeacherConversation) => Promise<Reply[]> {
  switch (intent.kind) {
    case "balance":
      return personal("学分情况", (c) => balanceHandler(c, intent));
    case "details":
      return personal("学分明细", (c) => detailsHandler(c, intent));
    case "why":
      return personal("学分计算过程", (c) => whyHandler(c, intent));
    case "what_if":
      return personal("测算结果", (c) => whatIfHandler(c, intent));
    case "tasks":
      return personal("作业情况", tasksHandler);
    case "submit":
      return (c) => submitHandler(c, intent);
    case "projects":
      return projectsHandler;
    case "enroll":
      return (c) => enrollHandler(c, intent);
    case "bind":
      return (c) => bindHandler(c, intent);
    case "help":
      return (c) => helpHandler(c, c);
    case "more":
      return nextPage;
    case "unknown":
      return (c) => unknownHandler(c, intent);
    // Being built (issue 13): answered as not understood until their handlers land.
    case "policy":
    case "assignment":
    case "withdraw":
    case "small_talk":
    case "contact":
    case "compliance":
    case "review_queue":
      return (c) => unknownHandler(c, { kind: "unknown", suggestions: [] });
    case "confirm":
    case "cancel":
    case "notice":
    case "remind":
    case "stats":
    case "review":
    case "jobs":
    case "register_group":
    case "unregister_group":
      return (c) => adminHandler(c, intent);
  }
}

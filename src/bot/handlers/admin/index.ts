import type { Reply } from "../../../channels/types.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { cancelNotice } from "./cancel-notice.js";
import { confirmNotice } from "./confirm-notice.js";
import { draftNotice } from "./draft-notice.js";
import { jobsHandler } from "./jobs.js";
import { registerGroupHandler } from "./register-group.js";
import { remindHandler } from "./remind.js";
import { reviewHandler } from "./review.js";
import { statsHandler } from "./stats.js";

type AdminIntent = Extract<
  Intent,
  { kind: "confirm" | "cancel" | "notice" | "remind" | "stats" | "review" | "jobs" | "register_group" | "unregister_group" }
>;

/** Administrators' and reviewers' commands; each checks the sender's roles itself and refuses politely. */
export async function adminHandler(conversation: TeacherConversation, intent: AdminIntent): Promise<Reply[]> {
  switch (intent.kind) {
    case "notice":
      return draftNotice(conversation, intent);
    case "confirm":
      return confirmNotice(conversation);
    case "cancel":
      return cancelNotice(conversation);
    case "remind":
      return remindHandler(conversation, intent);
    case "stats":
      return statsHandler(conversation, intent);
    case "review":
      return reviewHandler(conversation, intent);
    case "jobs":
      return jobsHandler(conversation);
    case "register_group":
    case "unregister_group":
      return registerGroupHandler(conversation, intent);
  }
}

import type { Reply } from "../../../channels/types.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";

type AdminIntent = Extract<Intent, { kind: "confirm" | "cancel" | "notice" | "remind" | "stats" | "review" }>;

/** Administrators' and reviewers' commands (being built: see issue 5). */
export async function adminHandler(conversation: TeacherConversation, intent: AdminIntent): Promise<Reply[]> {
  return [conversation.say("refusal", { message: `「${intent.kind}」这项功能还在建设中。` })];
}

import type { Reply } from "../../channels/types.js";
import type { Conversation, TeacherConversation } from "../context.js";

/** The command menu; administrators and reviewers also see their own commands. */
export async function helpHandler(conversation: Conversation, bound: TeacherConversation | undefined): Promise<Reply[]> {
  const roles = bound?.actor.roles ?? [];
  return [
    conversation.say("help", {
      bound: bound !== undefined,
      name: bound?.teacher.name,
      admin: roles.includes("region_admin") || roles.includes("school_admin"),
      regionAdmin: roles.includes("region_admin"),
      reviewer: roles.includes("reviewer") || roles.includes("region_admin"),
    }),
  ];
}

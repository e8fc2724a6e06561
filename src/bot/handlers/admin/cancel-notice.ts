import type { Reply } from "../../../channels/types.js";
import type { TeacherConversation } from "../../context.js";
import { takeSession } from "../../sessions.js";

/** 取消: drops the sender's draft notice. */
export async function cancelNotice(conversation: TeacherConversation): Promise<Reply[]> {
  const { deps, message } = conversation;
  const draft = await takeSession(deps.prisma, message, "notice_draft", deps.now());
  return [conversation.say(draft ? "admin-notice-cancelled" : "admin-notice-none")];
}

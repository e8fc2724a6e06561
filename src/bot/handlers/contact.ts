import { PLATFORM_NAMES } from "../../channels/platforms.js";
import type { Reply } from "../../channels/types.js";
import { contactFor } from "../../domain/school-contacts.js";
import type { Conversation, TeacherConversation } from "../context.js";
import type { Intent } from "../intents/index.js";

type ContactQuestion = Extract<Intent, { kind: "contact" }>;

/**
 * 学分不对 / 换手机了 / 密码忘了 / 转人工 / 国培没算上: who can fix it — the teacher's school admin by name,
 * else the region's — and what to bring. A sender not bound yet (often someone who changed phones) is told
 * how to get a code for their own 工号; no example 工号 is shown, since it would be someone else's.
 */
export async function contactHandler(conversation: Conversation, bound: TeacherConversation | undefined, intent: ContactQuestion): Promise<Reply[]> {
  const contact = bound ? await contactFor(conversation.deps.prisma, bound.teacher) : undefined;
  return [
    conversation.say("contact", {
      topic: intent.topic,
      bound: bound !== undefined,
      name: bound?.teacher.name,
      employeeNumber: bound?.teacher.employeeNumber,
      contact,
      platform: PLATFORM_NAMES[conversation.message.platform],
    }),
  ];
}

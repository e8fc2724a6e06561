import { DIRECT_MESSAGE_PLATFORMS } from "../../channels/platforms.js";
import type { Reply } from "../../channels/types.js";
import { enqueueDeliveries } from "../../domain/outbox.js";
import type { TeacherConversation } from "../context.js";

type Handler = (conversation: TeacherConversation) => Promise<Reply[]>;

/**
 * A teacher's own numbers (balance, records, what-ifs, tasks with reviewers' comments) are nobody else's
 * business. Asked in a group, the group hears one line naming the topic and no numbers (even "还没达标" tells
 * colleagues and parents too much), and the answer goes to the teacher by direct message through the outbox,
 * on the platform asked from. Where this install cannot message people on that platform (the playground;
 * a platform whose app cannot start a conversation), the teacher is asked to ask again
 * in a direct chat, and the answer is not even computed.
 */
export function personal(topic: string, handler: Handler): Handler {
  return async (conversation) => {
    const { message, teacher, deps } = conversation;
    if (message.chatType !== "group") return handler(conversation);
    if (!(deps.directMessagePlatforms ?? DIRECT_MESSAGE_PLATFORMS).includes(message.platform)) return [conversation.say("private-answer-ask-direct", { name: teacher.name, topic })];
    const replies = await handler({ ...conversation, pagesAtOnce: true });
    await enqueueDeliveries(
      deps.prisma,
      replies.map((reply, index) => ({
        // The message id makes a redelivered question add nothing.
        idempotencyKey: `answer:${message.platform}:${message.messageId}:${index}`,
        regionId: teacher.regionId,
        purpose: "direct_answer",
        platform: message.platform,
        teacherId: teacher.id,
        format: reply.format,
        content: reply.text,
      })),
    );
    await deps.kickOutbox?.();
    return [conversation.say("private-answer-sent", { name: teacher.name, topic })];
  };
}

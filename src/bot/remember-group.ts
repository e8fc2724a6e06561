import type { ChatMessage } from "../channels/types.js";
import type { BotDependencies, TeacherConversation } from "./context.js";

const groupKey = (message: ChatMessage) => ({ platform_chatId: { platform: message.platform, chatId: message.chatId } });

/**
 * The first time a bound teacher @-mentions the bot in a group, the group is recorded under the teacher's
 * school as pending: the bot answers there, but no notices, reminders or name lists reach it until an
 * administrator approves it (登记本群). Anyone can add the bot to any group, parents' and outsiders' too.
 */
export async function rememberGroup(conversation: TeacherConversation): Promise<void> {
  const { message, teacher, deps } = conversation;
  const where = groupKey(message);
  // Nearly every group message comes from a known group: read first, write only the first time.
  if (await deps.prisma.chatGroup.findUnique({ where, select: { id: true } })) return;
  await deps.prisma.chatGroup.upsert({
    where,
    create: {
      platform: message.platform,
      chatId: message.chatId,
      regionId: teacher.regionId,
      schoolId: teacher.schoolId,
      status: "pending",
      external: message.external === true,
    },
    update: {},
  });
}

/**
 * The platform said someone from outside the organisation wrote in this group: a group already known
 * never hears school traffic again. The flag only ever goes on: the platform never says the outsiders
 * left.
 */
export async function noteExternalGroup(message: ChatMessage, deps: BotDependencies): Promise<void> {
  if (message.chatType !== "group" || message.external !== true) return;
  await deps.prisma.chatGroup.updateMany({ where: { platform: message.platform, chatId: message.chatId, external: false }, data: { external: true } });
}

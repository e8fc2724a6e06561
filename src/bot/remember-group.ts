import type { TeacherConversation } from "./context.js";

/**
 * The first time a bound teacher @-mentions the bot in a group, the group is recorded under the teacher's
 * school, so administrators can later send notices and reminders to it.
 */
export async function rememberGroup(conversation: TeacherConversation): Promise<void> {
  const { message, teacher, deps } = conversation;
  const where = { platform_chatId: { platform: message.platform, chatId: message.chatId } };
  // Nearly every group message comes from a known group: read first, write only the first time.
  if (await deps.prisma.chatGroup.findUnique({ where, select: { id: true } })) return;
  await deps.prisma.chatGroup.upsert({
    where,
    create: { platform: message.platform, chatId: message.chatId, regionId: teacher.regionId, schoolId: teacher.schoolId },
    update: {},
  });
}

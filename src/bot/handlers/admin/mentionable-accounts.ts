import type { TeacherConversation } from "../../context.js";

/**
 * The platform user ids to @-mention for these teachers, for those bound on the platform this message came
 * from, by teacher id. Empty in a direct chat: there the reply reaches only the sender, so an @ would be
 * noise.
 */
export async function mentionableAccounts(conversation: TeacherConversation, teacherIds: string[]): Promise<Map<string, string[]>> {
  const accounts = new Map<string, string[]>();
  if (conversation.message.chatType !== "group") return accounts;
  const identities = await conversation.deps.prisma.chatIdentity.findMany({
    where: { platform: conversation.message.platform, teacherId: { in: teacherIds } },
    orderBy: { boundAt: "asc" },
  });
  for (const identity of identities) accounts.set(identity.teacherId, [...(accounts.get(identity.teacherId) ?? []), identity.platformUserId]);
  return accounts;
}

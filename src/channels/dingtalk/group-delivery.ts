import { z } from "zod";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.js";

/**
 * What ChatGroup.delivery holds for a DingTalk group: the app robot's conversation (recorded by itself
 * the first time a bound teacher @-mentions the robot there), and, set by an administrator, a custom
 * robot for a group the app robot is not in.
 */
export const dingtalkGroupDeliverySchema = z.object({
  openConversationId: z.string().min(1).optional(),
  robotCode: z.string().min(1).optional(),
  customRobot: z.object({ accessToken: z.string().min(1), secret: z.string().min(1).optional() }).optional(),
});

export type DingtalkGroupDelivery = z.infer<typeof dingtalkGroupDeliverySchema>;

/**
 * Adds the conversation id and robot code to a group the bot has just remembered, so administrators can
 * target it later. Writes only when something is missing or changed: most messages write nothing.
 */
export async function rememberConversation(
  prisma: PrismaClient,
  conversation: { openConversationId: string; robotCode: string; title: string | undefined },
): Promise<void> {
  const group = await prisma.chatGroup.findUnique({
    where: { platform_chatId: { platform: "dingtalk", chatId: conversation.openConversationId } },
  });
  // The bot records a group only once a bound teacher speaks there; until then there is nothing to add to.
  if (!group) return;
  const stored = typeof group.delivery === "object" && group.delivery !== null && !Array.isArray(group.delivery) ? group.delivery : {};
  const known = dingtalkGroupDeliverySchema.safeParse(stored);
  const upToDate =
    known.success &&
    known.data.openConversationId === conversation.openConversationId &&
    known.data.robotCode === conversation.robotCode;
  const nameMissing = group.name === null && conversation.title !== undefined;
  if (upToDate && !nameMissing) return;
  await prisma.chatGroup.update({
    where: { id: group.id },
    data: {
      delivery: { ...stored, openConversationId: conversation.openConversationId, robotCode: conversation.robotCode } as Prisma.InputJsonObject,
      ...(nameMissing ? { name: conversation.title } : {}),
    },
  });
}

import { z } from "zod";
import type { Prisma, PrismaClient } from "../../../generated/prisma/client.js";

/**
 * How a WeCom group is reached, kept in ChatGroup.delivery:
 * - `robotKey`: the key of a group robot (消息推送) added to the group, the usual way;
 * - `appChat`: the group was created by a self-built app (appchat/create), named by its config name
 *   ("" for the default app), and is reached through appchat/send with chatId;
 * - `dead`: WeCom said the robot was removed or disabled; nothing is sent until an admin sets a new key
 *   (and removes `dead`).
 */
export const wecomGroupDeliverySchema = z.looseObject({
  robotKey: z.string().min(1).optional(),
  appChat: z.object({ app: z.string() }).optional(),
  dead: z.object({ since: z.string(), errcode: z.number(), reason: z.string() }).optional(),
});

export type WecomGroupDelivery = z.infer<typeof wecomGroupDeliverySchema>;

export function readGroupDelivery(delivery: Prisma.JsonValue): WecomGroupDelivery {
  const parsed = wecomGroupDeliverySchema.safeParse(delivery);
  return parsed.success ? parsed.data : {};
}

/** Marks the group's delivery dead, keeping everything else in the JSON as it was. */
export async function markGroupDead(
  prisma: PrismaClient,
  groupId: string,
  dead: { errcode: number; reason: string; at: Date },
): Promise<void> {
  const group = await prisma.chatGroup.findUnique({ where: { id: groupId } });
  if (!group) return;
  const delivery = typeof group.delivery === "object" && group.delivery !== null && !Array.isArray(group.delivery) ? group.delivery : {};
  await prisma.chatGroup.update({
    where: { id: groupId },
    data: { delivery: { ...delivery, dead: { since: dead.at.toISOString(), errcode: dead.errcode, reason: dead.reason } } },
  });
}

import { PLATFORM_NAMES } from "../../channels/platforms.js";
import type { OutboundSender, Reply } from "../../channels/types.js";
import { PermanentJobError } from "../../coordination/index.js";
import { hearsSchoolTraffic } from "../../domain/group-traffic.js";
import type { Delivery, Platform, PrismaClient } from "../../generated/prisma/client.js";

/** The outbound sender of each platform this instance can send on. */
export type OutboundSenders = Partial<Record<Platform, OutboundSender>>;


/**
 * Sends one outbox row through its platform: to the group's stored send method, or to the teacher's chat
 * account on that platform. Throws the coordination errors the senders use; a target that can never be
 * reached is a PermanentJobError whose message tells the administrator what to fix.
 */
export async function sendDelivery(
  prisma: Pick<PrismaClient, "chatGroup" | "chatIdentity">,
  senders: OutboundSenders,
  delivery: Pick<Delivery, "platform" | "groupId" | "teacherId" | "format" | "content" | "mentions">,
): Promise<void> {
  const platformName = PLATFORM_NAMES[delivery.platform];
  const sender = senders[delivery.platform];
  if (!sender) throw new PermanentJobError(`本服务没有配置${platformName}，无法发送`);
  const message: Reply = { format: delivery.format === "markdown" ? "markdown" : "text", text: delivery.content, mentions: delivery.mentions };
  if (delivery.groupId) {
    const group = await prisma.chatGroup.findUnique({ where: { id: delivery.groupId } });
    if (!group) throw new PermanentJobError("这个群已被删除");
    // Queued before the group was set back to pending or found to have outside members.
    if (!hearsSchoolTraffic(group)) throw new PermanentJobError("这个群已取消登记或有企业外部成员，不再发送");
    await sender.sendToGroup({ id: group.id, chatId: group.chatId, delivery: group.delivery }, message);
    return;
  }
  if (delivery.teacherId) {
    const identity = await prisma.chatIdentity.findFirst({
      where: { teacherId: delivery.teacherId, platform: delivery.platform },
      orderBy: { boundAt: "desc" },
    });
    if (!identity) throw new PermanentJobError(`该教师未绑定${platformName}账号，无法私信`);
    await sender.sendToPerson(identity.platformUserId, message);
    return;
  }
  throw new PermanentJobError("这条消息既没有目标群也没有目标教师");
}

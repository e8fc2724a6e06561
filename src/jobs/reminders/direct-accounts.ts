import { DIRECT_MESSAGE_PLATFORMS } from "../../channels/platforms.js";
import type { Platform, PrismaClient } from "../../generated/prisma/client.js";

/**
 * For each teacher bound on a platform this install can message people on, the platform to write to: the
 * account bound first, so a teacher on both platforms gets one message, not two. The outbox worker finds
 * the platform user id from the teacher and platform.
 */
export async function directPlatformsOf(
  prisma: PrismaClient,
  teacherIds: string[],
  reachable: readonly Platform[] = DIRECT_MESSAGE_PLATFORMS,
): Promise<Map<string, Platform>> {
  const identities = await prisma.chatIdentity.findMany({
    where: { teacherId: { in: teacherIds }, platform: { in: [...reachable] } },
    orderBy: [{ boundAt: "asc" }, { id: "asc" }],
  });
  const platforms = new Map<string, Platform>();
  for (const identity of identities) if (!platforms.has(identity.teacherId)) platforms.set(identity.teacherId, identity.platform);
  return platforms;
}

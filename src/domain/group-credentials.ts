import { sealDeliveryCredentials } from "../channels/group-delivery-settings.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { SecretBox } from "../secret-box.js";
import type { Actor } from "./actors.js";
import { audit } from "./audit.js";

/**
 * Seals the group credentials of the actor's region that are still stored in clear (written before
 * sealing existed) or sealed under an older key of SECRETS_KEY (after a rotation), each group with its
 * audit row in one transaction. Values sealed under the newest key are left as they are, so running it
 * again changes nothing. Returns how many groups were sealed.
 */
export async function sealGroupCredentials(prisma: PrismaClient, secrets: SecretBox, actor: Actor): Promise<number> {
  const groups = await prisma.chatGroup.findMany({ where: { regionId: actor.regionId }, select: { id: true, delivery: true } });
  let sealed = 0;
  for (const group of groups) {
    if (typeof group.delivery !== "object" || group.delivery === null || Array.isArray(group.delivery)) continue;
    const stored = group.delivery as Record<string, unknown>;
    const resealed = sealDeliveryCredentials(stored, secrets, { reseal: true });
    if (JSON.stringify(resealed) === JSON.stringify(stored)) continue;
    await prisma.$transaction(async (tx) => {
      await tx.chatGroup.update({ where: { id: group.id }, data: { delivery: resealed as Prisma.InputJsonObject } });
      await audit(tx, actor, "seal_credentials", "chat_group", group.id);
    });
    sealed += 1;
  }
  return sealed;
}

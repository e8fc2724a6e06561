import { sealDeliveryCredentials, type GroupDeliverySettings } from "../channels/group-delivery-settings.js";
import type { ChatGroup, GroupStatus, Prisma, PrismaClient } from "../generated/prisma/client.js";
import type { SecretBox } from "../secret-box.js";
import type { Actor } from "./actors.js";
import { audit } from "./audit.js";
import { DomainError } from "./errors.js";
import { approvalFields, assertMayDecide, decisionAction } from "./group-approval.js";

export type NewGroup = {
  platform: ChatGroup["platform"];
  chatId: string;
  name: string | null;
  schoolId: string | null;
  delivery: GroupDeliverySettings;
};

export type GroupChanges = {
  name?: string | undefined;
  schoolId?: string | null | undefined;
  delivery?: GroupDeliverySettings | undefined;
  /** approved: the group hears school traffic; pending: it does not. */
  status?: GroupStatus | undefined;
};

/**
 * Secrets can be written but are never read back, and are stored sealed (those stored in clear before
 * sealing existed get sealed here too); `dead: null` removes the dead flag.
 */
function mergeDelivery(stored: Prisma.JsonValue, changes: GroupDeliverySettings, secrets: SecretBox): Prisma.InputJsonValue {
  const merged: Record<string, unknown> = { ...(stored as object), ...changes };
  if (changes.dead === null) delete merged.dead;
  return sealDeliveryCredentials(merged, secrets) as Prisma.InputJsonValue;
}

/**
 * Registers a group an administrator names. She vouches for it, so it is approved from the start; the
 * group, its approval and one audit row are written together.
 */
export async function createGroup(prisma: PrismaClient, secrets: SecretBox, actor: Actor, group: NewGroup, now: Date): Promise<ChatGroup> {
  assertMayDecide(actor, { status: "pending", schoolId: group.schoolId, external: false }, { status: "approved", schoolId: group.schoolId, via: "api" });
  return prisma.$transaction(async (tx) => {
    const clash = await tx.chatGroup.findUnique({ where: { platform_chatId: { platform: group.platform, chatId: group.chatId } } });
    if (clash) throw new DomainError("group_exists", "这个群已经登记过了。", { field: "chatId", kind: "conflict" });
    const created = await tx.chatGroup.create({
      data: {
        platform: group.platform,
        chatId: group.chatId,
        name: group.name,
        regionId: actor.regionId,
        schoolId: group.schoolId,
        delivery: mergeDelivery({}, group.delivery, secrets),
        ...approvalFields(actor, "approved", now),
      },
    });
    await audit(tx, actor, "create", "chat_group", created.id, { platform: group.platform, chatId: group.chatId, status: "approved", schoolId: group.schoolId, via: "api" });
    return created;
  });
}

/**
 * Changes a group's name, school or delivery settings and, when asked, approves it or sets it back to
 * pending: one change, one audit row ("approve"/"unapprove" when the status changed, else "update").
 */
export async function updateGroup(prisma: PrismaClient, secrets: SecretBox, actor: Actor, group: ChatGroup, changes: GroupChanges, now: Date): Promise<ChatGroup> {
  const decided = changes.status !== undefined && changes.status !== group.status ? changes.status : undefined;
  if (changes.status !== undefined) assertMayDecide(actor, group, { status: changes.status, schoolId: changes.schoolId, via: "api" });
  return prisma.$transaction(async (tx) => {
    const current = await tx.chatGroup.findUniqueOrThrow({ where: { id: group.id } });
    const updated = await tx.chatGroup.update({
      where: { id: group.id },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.schoolId !== undefined ? { schoolId: changes.schoolId } : {}),
        delivery: mergeDelivery(current.delivery, changes.delivery ?? {}, secrets),
        ...(decided !== undefined ? approvalFields(actor, decided, now) : {}),
      },
    });
    await audit(tx, actor, decided !== undefined ? decisionAction(decided) : "update", "chat_group", group.id, {
      fields: Object.keys(changes),
      ...(decided !== undefined ? { status: decided, schoolId: updated.schoolId, via: "api" } : {}),
      ...(updated.schoolId !== current.schoolId ? { previousSchoolId: current.schoolId } : {}),
    });
    return updated;
  });
}

import Router from "@koa/router";
import { z } from "zod";
import { groupDeliverySettings, SECRET_DELIVERY_SETTINGS, type GroupDeliverySettings } from "../../../channels/group-delivery-settings.js";
import { GROUP_PLATFORMS } from "../../../channels/platforms.js";
import { requireRole, type Actor } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { DomainError } from "../../../domain/errors.js";
import { canSee } from "../../../domain/scope.js";
import type { ChatGroup, Prisma } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { jsonBody } from "../validation.js";

const newGroup = z.strictObject({
  platform: z.enum(GROUP_PLATFORMS),
  chatId: z.string().trim().min(1).max(200),
  name: z.string().trim().max(100).optional(),
  schoolId: z.string().uuid().nullable().optional(),
  delivery: groupDeliverySettings.default({}),
});
const groupChanges = z.strictObject({
  name: z.string().trim().max(100).optional(),
  schoolId: z.string().uuid().nullable().optional(),
  delivery: groupDeliverySettings.optional(),
});

function present(group: ChatGroup) {
  const stored = (group.delivery ?? {}) as Record<string, unknown>;
  return {
    id: group.id,
    platform: group.platform,
    chatId: group.chatId,
    name: group.name,
    schoolId: group.schoolId,
    delivery: Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, SECRET_DELIVERY_SETTINGS.has(key) ? "(已设置)" : value])),
  };
}

/** Secrets can be written but are never read back; `dead: null` removes the dead flag. */
function mergeDelivery(stored: Prisma.JsonValue, changes: GroupDeliverySettings): Prisma.InputJsonValue {
  const merged: Record<string, unknown> = { ...(stored as object), ...changes };
  if (changes.dead === null) delete merged.dead;
  return merged as Prisma.InputJsonValue;
}

export function groupRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  async function checkSchool(actor: Actor, schoolId: string | null | undefined) {
    if (schoolId === undefined || schoolId === null) {
      if (actor.scope.kind !== "region") throw new DomainError("forbidden", "学校管理员只能管理本校的群。", { field: "schoolId", kind: "forbidden" });
      return;
    }
    const school = await prisma.school.findUnique({ where: { id: schoolId } });
    if (!school || !canSee(actor.scope, { regionId: school.regionId, schoolId: school.id })) {
      throw new DomainError("school_not_found", "找不到这所学校。", { field: "schoolId", kind: "not_found" });
    }
  }

  async function groupInScope(actor: Actor, id: string) {
    const group = await prisma.chatGroup.findUnique({ where: { id } });
    if (!group || !canSee(actor.scope, { regionId: group.regionId, schoolId: group.schoolId })) {
      throw new DomainError("group_not_found", "找不到这个群。", { kind: "not_found" });
    }
    return group;
  }

  router.get("/groups", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const groups = await prisma.chatGroup.findMany({
      where: { regionId: actor.regionId, ...(actor.scope.kind === "school" ? { schoolId: actor.scope.schoolId } : {}) },
      orderBy: { createdAt: "asc" },
    });
    ctx.body = { groups: groups.map(present) };
  });

  router.post("/groups", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const body = await jsonBody(ctx, newGroup);
    const schoolId = body.schoolId === undefined && actor.scope.kind === "school" ? actor.scope.schoolId : body.schoolId;
    await checkSchool(actor, schoolId);
    const clash = await prisma.chatGroup.findUnique({ where: { platform_chatId: { platform: body.platform, chatId: body.chatId } } });
    if (clash) throw new DomainError("group_exists", "这个群已经登记过了。", { field: "chatId", kind: "conflict" });
    const group = await prisma.chatGroup.create({
      data: { platform: body.platform, chatId: body.chatId, name: body.name ?? null, regionId: actor.regionId, schoolId: schoolId ?? null, delivery: mergeDelivery({}, body.delivery) },
    });
    await audit(prisma, actor, "create", "chat_group", group.id, { platform: body.platform, chatId: body.chatId });
    ctx.status = 201;
    ctx.body = present(group);
  });

  router.patch("/groups/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const group = await groupInScope(actor, ctx.params.id as string);
    const changes = await jsonBody(ctx, groupChanges);
    if (changes.schoolId !== undefined) await checkSchool(actor, changes.schoolId);
    const updated = await prisma.chatGroup.update({
      where: { id: group.id },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.schoolId !== undefined ? { schoolId: changes.schoolId } : {}),
        ...(changes.delivery ? { delivery: mergeDelivery(group.delivery, changes.delivery) } : {}),
      },
    });
    await audit(prisma, actor, "update", "chat_group", group.id, { fields: Object.keys(changes) });
    ctx.body = present(updated);
  });

  return router;
}

import Router from "@koa/router";
import { z } from "zod";
import { groupDeliverySettings, SECRET_DELIVERY_SETTINGS } from "../../../channels/group-delivery-settings.js";
import { GROUP_PLATFORMS } from "../../../channels/platforms.js";
import { requireRole, type Actor } from "../../../domain/actors.js";
import { DomainError } from "../../../domain/errors.js";
import { createGroup, updateGroup } from "../../../domain/groups.js";
import { canSee } from "../../../domain/scope.js";
import type { ChatGroup } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { displayName, jsonBody } from "../validation.js";

const newGroup = z.strictObject({
  platform: z.enum(GROUP_PLATFORMS),
  chatId: displayName(200),
  name: displayName(100).optional(),
  schoolId: z.string().uuid().nullable().optional(),
  delivery: groupDeliverySettings.default({}),
});
const groupChanges = z.strictObject({
  name: displayName(100).optional(),
  schoolId: z.string().uuid().nullable().optional(),
  delivery: groupDeliverySettings.optional(),
  /** approved: the group hears school traffic; pending: it does not. */
  status: z.enum(["approved", "pending"]).optional(),
});

function present(group: ChatGroup) {
  const stored = (group.delivery ?? {}) as Record<string, unknown>;
  return {
    id: group.id,
    platform: group.platform,
    chatId: group.chatId,
    name: group.name,
    schoolId: group.schoolId,
    status: group.status,
    external: group.external,
    approvedBy: group.approvedBy,
    approvedAt: group.approvedAt?.toISOString() ?? null,
    delivery: Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, SECRET_DELIVERY_SETTINGS.has(key) ? "(已设置)" : value])),
  };
}

export function groupRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma, secrets } = deps;

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
    const group = await createGroup(prisma, secrets, actor, { platform: body.platform, chatId: body.chatId, name: body.name ?? null, schoolId: schoolId ?? null, delivery: body.delivery }, deps.now());
    ctx.status = 201;
    ctx.body = present(group);
  });

  router.patch("/groups/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const group = await groupInScope(actor, ctx.params.id as string);
    const changes = await jsonBody(ctx, groupChanges);
    if (changes.schoolId !== undefined) await checkSchool(actor, changes.schoolId);
    ctx.body = present(await updateGroup(prisma, secrets, actor, group, changes, deps.now()));
  });

  return router;
}

import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { DomainError } from "../../../domain/errors.js";
import { noticeAudienceGroupIds } from "../../../domain/notice-audience.js";
import { noticeProgress } from "../../../domain/notice-progress.js";
import { createNotice, MAX_NOTICE_LENGTH, noticeText } from "../../../domain/notices.js";
import { visibleDeliveries } from "../../../domain/visible-deliveries.js";
import type { Delivery, Prisma } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { jsonBody, queryOf } from "../validation.js";


const newNotice = z
  .strictObject({
    text: z.string().transform(noticeText).pipe(z.string().min(1).max(MAX_NOTICE_LENGTH)),
    target: z.enum(["school", "region", "groups"]),
    schoolIds: z.array(z.string().uuid()).min(1).max(200).optional(),
    groupIds: z.array(z.string().uuid()).min(1).max(2000).optional(),
    dryRun: z.boolean().default(false),
  })
  .refine((notice) => notice.target !== "groups" || notice.groupIds !== undefined, { message: "按群发送时请列出 groupIds", path: ["groupIds"] });

const deliveryQuery = z.strictObject({
  status: z.enum(["pending", "sent", "failed", "dead"]).optional(),
  purpose: z.enum(["notice", "deadline_reminder", "weekly_digest", "annual_nudge", "start_reminder", "direct_answer"]).optional(),
  noticeId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

type DeliveryWithGroup = Delivery & { group: { name: string | null } | null };

const presentDelivery = (delivery: DeliveryWithGroup) => ({
  id: delivery.id,
  purpose: delivery.purpose,
  noticeId: delivery.noticeId,
  platform: delivery.platform,
  groupId: delivery.groupId,
  groupName: delivery.group?.name ?? null,
  teacherId: delivery.teacherId,
  status: delivery.status,
  attempts: delivery.attempts,
  reason: delivery.lastError,
  notBefore: delivery.notBefore.toISOString(),
  sentAt: delivery.sentAt?.toISOString() ?? null,
  createdAt: delivery.createdAt.toISOString(),
  content: delivery.content,
  /** When the retention job cleared the text (content is then empty). */
  purgedAt: delivery.purgedAt?.toISOString() ?? null,
});

/**
 * Notices (POST to send or, with dryRun, to see how many groups they would reach; GET for how far one got)
 * and the outbox itself (GET /deliveries?status=failed), for administrators to see what did not arrive
 * and why.
 */
export function deliveryRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.post("/notices", async (ctx) => {
    const actor = actorIn(ctx);
    const body = await jsonBody(ctx, newNotice);
    const { target, groupIds } = await noticeAudienceGroupIds(prisma, actor, {
      target: body.target,
      schoolIds: body.schoolIds,
      groupIds: body.groupIds ?? [],
    });
    if (groupIds.length === 0) throw new DomainError("no_groups", "目标范围内还没有登记的群，通知发不出去。", { field: "target" });
    if (body.dryRun) {
      ctx.body = { dryRun: true, target: body.target, groups: groupIds.length };
      return;
    }
    const notice = await createNotice(prisma, { regionId: actor.regionId, authorId: actor.teacherId, text: body.text, target, groupIds }, deps.now());
    await audit(prisma, actor, "create", "notice", notice.id, { target, groups: groupIds.length });
    await deps.kickOutbox?.();
    ctx.status = 201;
    ctx.body = { id: notice.id, target: body.target, ...(await noticeProgress(prisma, notice.id)) };
  });

  router.get("/notices/:id", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "school_admin", "region_admin");
    const notice = await prisma.notice.findUnique({ where: { id: ctx.params.id as string }, include: { author: { select: { name: true } } } });
    const visible = notice && notice.regionId === actor.regionId && (actor.scope.kind === "region" || notice.authorId === actor.teacherId);
    if (!notice || !visible) throw new DomainError("notice_not_found", "找不到这条通知。", { kind: "not_found" });
    ctx.body = {
      id: notice.id,
      text: notice.text,
      target: notice.target,
      author: notice.author.name,
      createdAt: notice.createdAt.toISOString(),
      ...(await noticeProgress(prisma, notice.id)),
    };
  });

  router.get("/deliveries", async (ctx) => {
    const actor = actorIn(ctx);
    const query = queryOf(ctx, deliveryQuery);
    const where: Prisma.DeliveryWhereInput = {
      ...(await visibleDeliveries(prisma, actor)),
      ...(query.status ? { status: query.status } : {}),
      ...(query.purpose ? { purpose: query.purpose } : {}),
      ...(query.noticeId ? { noticeId: query.noticeId } : {}),
    };
    const deliveries = await prisma.delivery.findMany({
      where,
      include: { group: { select: { name: true } } },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: query.limit,
    });
    ctx.body = { deliveries: deliveries.map(presentDelivery) };
  });

  return router;
}

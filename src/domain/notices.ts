import type { Notice, NoticeTarget, PrismaClient } from "../generated/prisma/client.js";
import { HEARS_SCHOOL_TRAFFIC } from "./group-traffic.js";
import { enqueueDeliveries, type NewDelivery } from "./outbox.js";
import { nextAllowedTime, quietHoursOf } from "./quiet-hours.js";
import { withoutInvisible } from "./text-safety.js";

/** A notice fits one group message on every platform (the smallest, a group-robot text, holds 2,048 bytes). */
export const MAX_NOTICE_LENGTH = 600;

/** A notice as it will be sent: without control, zero-width or bidi characters, which only confuse readers. */
export function noticeText(typed: string): string {
  return withoutInvisible(typed).trim();
}

type Database = Pick<PrismaClient, "chatGroup" | "delivery" | "region" | "teacher">;

/**
 * Puts a confirmed notice in the outbox: one Delivery per target group, keyed `notice:<noticeId>:<groupId>`
 * so publishing twice (a retried request, a second instance) adds nothing. During the region's quiet hours
 * the rows wait until the quiet ends. Returns how many rows are new.
 */
export async function publishNotice(db: Database, notice: Notice, now: Date): Promise<number> {
  const [region, author, groups] = await Promise.all([
    db.region.findUniqueOrThrow({ where: { id: notice.regionId } }),
    db.teacher.findUniqueOrThrow({ where: { id: notice.authorId } }),
    // A group set back to pending (or found external) since the notice was drafted no longer hears it.
    db.chatGroup.findMany({ where: { id: { in: notice.groupIds }, regionId: notice.regionId, ...HEARS_SCHOOL_TRAFFIC } }),
  ]);
  const notBefore = nextAllowedTime(now, quietHoursOf(region));
  const content = `${notice.text}\n\n—— ${author.name}`;
  const rows: NewDelivery[] = groups.map((group) => ({
    idempotencyKey: `notice:${notice.id}:${group.id}`,
    regionId: notice.regionId,
    purpose: "notice",
    noticeId: notice.id,
    platform: group.platform,
    groupId: group.id,
    format: "text",
    content,
    mentions: [],
    notBefore,
  }));
  return enqueueDeliveries(db, rows);
}

export type NewNotice = { regionId: string; authorId: string; text: string; target: NoticeTarget; groupIds: string[] };

/** Records a notice and its deliveries together, so a notice never exists without its outbox rows. */
export async function createNotice(prisma: PrismaClient, fields: NewNotice, now: Date): Promise<Notice> {
  return prisma.$transaction(async (tx) => {
    const notice = await tx.notice.create({ data: { ...fields, text: noticeText(fields.text) } });
    await publishNotice(tx, notice, now);
    return notice;
  });
}

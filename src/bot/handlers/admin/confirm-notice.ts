import type { Reply } from "../../../channels/types.js";
import { audit } from "../../../domain/audit.js";
import { publishNotice } from "../../../domain/notices.js";
import { nextAllowedTime, quietHoursOf } from "../../../domain/quiet-hours.js";
import type { TeacherConversation } from "../../context.js";
import { dayAndTimeFrom } from "../short-date.js";
import type { NoticeDraft } from "./draft-notice.js";
import { requireMayNotice } from "./notice-targets.js";

/**
 * A confirmed draft becomes a Notice for exactly the groups the sender was shown, with its outbox rows in
 * the same transaction. Delivering them is the outbox worker's job, so the reply says it was handed over,
 * not that it arrived — and, inside the region's quiet hours, when it will go out.
 */
export async function sendNotice(conversation: TeacherConversation, draft: NoticeDraft): Promise<Reply[]> {
  const { actor, deps, teacher, region, today } = conversation;
  // Roles can change while a draft waits.
  requireMayNotice(conversation, actor, draft.target);
  const now = deps.now();
  await deps.prisma.$transaction(async (tx) => {
    const notice = await tx.notice.create({
      data: { regionId: actor.regionId, authorId: teacher.id, text: draft.text, target: draft.target, groupIds: draft.groupIds },
    });
    await audit(tx, actor, "create", "notice", notice.id, { target: draft.target, groups: draft.groupIds.length });
    await publishNotice(tx, notice, now);
  });
  await deps.kickOutbox?.();
  const goesAt = nextAllowedTime(now, quietHoursOf(region));
  return [
    conversation.say("admin-notice-sent", {
      count: draft.groupIds.length,
      waitsUntil: goesAt > now ? dayAndTimeFrom(today, goesAt, region.timezone) : undefined,
      quietStart: region.quietHoursStart,
      quietEnd: region.quietHoursEnd,
    }),
  ];
}

import type { Reply } from "../../../channels/types.js";
import { audit } from "../../../domain/audit.js";
import { publishNotice } from "../../../domain/notices.js";
import type { TeacherConversation } from "../../context.js";
import { takeSession } from "../../sessions.js";
import type { NoticeDraft } from "./notice-draft.js";
import { requireMayNotice } from "./notice-targets.js";

/**
 * 确认: turns the sender's draft into a Notice for exactly the groups they were shown, with its outbox rows
 * in the same transaction. Delivering them is the outbox worker's job, so the reply says it was handed
 * over, not that it arrived.
 */
export async function confirmNotice(conversation: TeacherConversation): Promise<Reply[]> {
  const { actor, deps, message, teacher } = conversation;
  const draft = (await takeSession(deps.prisma, message, "notice_draft", deps.now())) as NoticeDraft | undefined;
  if (!draft) return [conversation.say("admin-notice-none")];
  // Roles can change while a draft waits.
  requireMayNotice(conversation, actor, draft.target);
  await deps.prisma.$transaction(async (tx) => {
    const notice = await tx.notice.create({
      data: { regionId: actor.regionId, authorId: teacher.id, text: draft.text, target: draft.target, groupIds: draft.groupIds },
    });
    await audit(tx, actor, "create", "notice", notice.id, { target: draft.target, groups: draft.groupIds.length });
    await publishNotice(tx, notice, deps.now());
  });
  await deps.kickOutbox?.();
  return [conversation.say("admin-notice-sent", { count: draft.groupIds.length })];
}

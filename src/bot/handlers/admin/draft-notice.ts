import type { Reply } from "../../../channels/types.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { saveSession } from "../../sessions.js";
import { DRAFT_LIFETIME_MINUTES, type NoticeDraft } from "./notice-draft.js";
import { NOTICE_TARGET_NAMES, noticeGroupIds, requireMayNotice } from "./notice-targets.js";
import { MAX_NOTICE_LENGTH, noticeText } from "../../../domain/notices.js";


/**
 * 发通知 [本群|全校|全区] 内容: shows the text and how many groups it would reach, and keeps it as a draft
 * until the sender answers 确认 or 取消. Nothing is sent from here.
 */
export async function draftNotice(conversation: TeacherConversation, intent: Extract<Intent, { kind: "notice" }>): Promise<Reply[]> {
  const { actor, deps, message } = conversation;
  requireMayNotice(conversation, actor, intent.target);
  const regionAdmin = actor.roles.includes("region_admin");
  const text = noticeText(intent.text);
  if (text === "") return [conversation.say("admin-notice-need-text", { regionAdmin })];
  const length = [...text].length;
  if (length > MAX_NOTICE_LENGTH) return [conversation.say("admin-notice-too-long", { length, max: MAX_NOTICE_LENGTH })];
  const groupIds = await noticeGroupIds(conversation, intent.target);
  const target = NOTICE_TARGET_NAMES[intent.target];
  if (groupIds.length === 0) return [conversation.say("admin-notice-no-groups", { target })];
  const draft: NoticeDraft = { target: intent.target, text, groupIds };
  const expiresAt = new Date(deps.now().getTime() + DRAFT_LIFETIME_MINUTES * 60_000);
  await saveSession(deps.prisma, message, "notice_draft", draft, expiresAt);
  return [
    conversation.say("admin-notice-draft", { target, thisGroup: intent.target === "group", count: groupIds.length, text, minutes: DRAFT_LIFETIME_MINUTES }),
  ];
}

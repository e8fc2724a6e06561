import type { Reply } from "../../../channels/types.js";
import { PLATFORM_NAMES } from "../../../channels/platforms.js";
import type { NoticeTarget } from "../../../generated/prisma/client.js";
import { MAX_NOTICE_LENGTH, noticeText } from "../../../domain/notices.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { preview } from "../confirmation.js";
import { NOTICE_TARGET_NAMES, noticeGroups, requireMayNotice, type NoticeGroup } from "./notice-targets.js";

/** A notice waiting for 确认: exactly the groups the sender was shown. */
export type NoticeDraft = { target: NoticeTarget; text: string; groupIds: string[] };

/**
 * 发通知 [本群|全校|全区] 内容: shows the text and which groups it would reach (and, for 全区, the schools
 * no group of which would hear it), and keeps it waiting for 确认 or 取消. Nothing is sent from here.
 */
export async function draftNotice(conversation: TeacherConversation, intent: Extract<Intent, { kind: "notice" }>): Promise<Reply[]> {
  const { actor } = conversation;
  requireMayNotice(conversation, actor, intent.target);
  const regionAdmin = actor.roles.includes("region_admin");
  const text = noticeText(intent.text);
  if (text === "") return [conversation.say("admin-notice-need-text", { regionAdmin })];
  const length = [...text].length;
  if (length > MAX_NOTICE_LENGTH) return [conversation.say("admin-notice-too-long", { length, max: MAX_NOTICE_LENGTH })];
  const groups = await noticeGroups(conversation, intent.target);
  const target = NOTICE_TARGET_NAMES[intent.target];
  if (groups.length === 0) return [conversation.say("admin-notice-no-groups", { target })];
  const draft: NoticeDraft = { target: intent.target, text, groupIds: groups.map((group) => group.id) };
  const { templates } = conversation.deps;
  const thisGroup = intent.target === "group";
  const unreached = intent.target === "region" ? await schoolsWithoutGroup(conversation, groups) : [];
  return preview(
    conversation,
    { action: "notice", summary: text.split("\n")[0]!, payload: draft },
    "admin-notice-draft",
    { target, thisGroup, count: groups.length, text },
    {
      header: templates.render("admin-notice-groups-header", { target, count: groups.length }),
      lines: thisGroup ? [] : groups.map((group) => templates.render("admin-notice-group-line", groupLabel(group))),
      trailer: templates.render("admin-notice-unreached", { schools: unreached }),
    },
  );
}

function groupLabel(group: NoticeGroup) {
  return { name: group.name, school: group.school?.name, platform: PLATFORM_NAMES[group.platform] };
}

/** The region's schools none of whose groups hears the notice: their teachers hear it only in a region-wide group, if at all. */
async function schoolsWithoutGroup(conversation: TeacherConversation, groups: NoticeGroup[]): Promise<string[]> {
  const reached = new Set(groups.map((group) => group.schoolId));
  const schools = await conversation.deps.prisma.school.findMany({ where: { regionId: conversation.actor.regionId }, orderBy: { code: "asc" } });
  return schools.filter((school) => !reached.has(school.id)).map((school) => school.name);
}

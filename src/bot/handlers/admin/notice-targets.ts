import type { Actor } from "../../../domain/actors.js";
import type { ChatGroup, NoticeTarget, School } from "../../../generated/prisma/client.js";
import type { TeacherConversation } from "../../context.js";
import { HEARS_SCHOOL_TRAFFIC } from "../../../domain/group-traffic.js";
import { requireHearsSchoolTraffic } from "./group-traffic-check.js";
import { refusal } from "./refusal.js";

export const NOTICE_TARGET_NAMES: Readonly<Record<NoticeTarget, string>> = { group: "本群", school: "全校", region: "全区" };

/**
 * Who may notify at all is the notice command's users (checked by the registry, again on 确认); among them
 * only region administrators may notify the whole region.
 */
export function requireMayNotice(conversation: TeacherConversation, actor: Actor, target: NoticeTarget): void {
  if (target === "region" && !actor.roles.includes("region_admin")) {
    throw refusal(conversation, "notice_region_forbidden", "admin-notice-region-only");
  }
}

export type NoticeGroup = ChatGroup & { school: School | null };

/** The approved ChatGroups a notice to this target goes to, in the order they became known. */
export async function noticeGroups(conversation: TeacherConversation, target: NoticeTarget): Promise<NoticeGroup[]> {
  const { actor, message, deps } = conversation;
  const regionAdmin = actor.roles.includes("region_admin");
  const inOrder = { include: { school: true }, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] };
  switch (target) {
    case "group": {
      if (message.chatType !== "group") throw refusal(conversation, "notice_group_in_direct_chat", "admin-notice-where", { regionAdmin });
      const group = await deps.prisma.chatGroup.findUnique({
        where: { platform_chatId: { platform: message.platform, chatId: message.chatId } },
        include: { school: true },
      });
      if (!group || group.regionId !== actor.regionId) throw refusal(conversation, "group_elsewhere", "admin-group-elsewhere");
      requireHearsSchoolTraffic(conversation, group, "通知");
      return [group];
    }
    case "school": {
      if (actor.schoolId === null) throw refusal(conversation, "notice_no_school", "admin-notice-no-school");
      return deps.prisma.chatGroup.findMany({ where: { regionId: actor.regionId, schoolId: actor.schoolId, ...HEARS_SCHOOL_TRAFFIC }, ...inOrder });
    }
    case "region":
      return deps.prisma.chatGroup.findMany({ where: { regionId: actor.regionId, ...HEARS_SCHOOL_TRAFFIC }, ...inOrder });
  }
}

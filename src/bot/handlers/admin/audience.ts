import type { TeacherConversation } from "../../context.js";
import { requireHearsSchoolTraffic } from "./group-traffic-check.js";
import { refusal } from "./refusal.js";

/** Whose work a 催交 or 统计 covers: one school's teachers, or (schoolId null) the whole region's. */
export type Audience = { schoolId: string | null; label: string };

/**
 * School administrators speak for their own school; region administrators and reviewers (who review the
 * whole region's work) for the region. In a school's group the command narrows to that school, since the
 * people reading the reply are its teachers; a group nobody approved gets no names at all (`what` says what
 * was not posted).
 */
export async function audienceOf(conversation: TeacherConversation, what: string): Promise<Audience> {
  const { actor, message, deps } = conversation;
  const ownSchoolId = actor.scope.kind === "school" ? actor.scope.schoolId : null;
  if (ownSchoolId === null && actor.scope.kind !== "region" && !actor.roles.includes("reviewer")) {
    throw refusal(conversation, "no_school", "admin-no-school");
  }
  let schoolId = ownSchoolId;
  if (message.chatType === "group") {
    const group = await deps.prisma.chatGroup.findUnique({
      where: { platform_chatId: { platform: message.platform, chatId: message.chatId } },
    });
    if (!group || group.regionId !== actor.regionId) throw refusal(conversation, "group_elsewhere", "admin-group-elsewhere");
    requireHearsSchoolTraffic(conversation, group, what);
    if (group.schoolId !== null && ownSchoolId !== null && group.schoolId !== ownSchoolId) {
      throw refusal(conversation, "group_of_other_school", "admin-group-other-school");
    }
    schoolId = group.schoolId ?? ownSchoolId;
  }
  if (schoolId === null) return { schoolId, label: "全区" };
  const school = await deps.prisma.school.findUniqueOrThrow({ where: { id: schoolId } });
  return { schoolId, label: school.name };
}

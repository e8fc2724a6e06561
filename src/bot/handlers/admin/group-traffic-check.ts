import type { ChatGroup } from "../../../generated/prisma/client.js";
import type { TeacherConversation } from "../../context.js";
import { refusal } from "./refusal.js";

/**
 * Refuses to put `what` (a notice, a late-list) into a group that has not been approved or has outside
 * members. Only administrators, who can approve it, are told about 登记本群.
 */
export function requireHearsSchoolTraffic(conversation: TeacherConversation, group: ChatGroup, what: string): void {
  if (group.external) throw refusal(conversation, "group_external", "admin-group-external");
  if (group.status === "approved") return;
  const mayRegister = conversation.actor.roles.includes("school_admin") || conversation.actor.roles.includes("region_admin");
  throw refusal(conversation, "group_not_approved", "admin-group-pending", { what, mayRegister });
}

import type { ChatGroup } from "../../../generated/prisma/client.js";
import { mayUse } from "../../commands/command.js";
import { registerGroup } from "../../commands/register-group.js";
import type { TeacherConversation } from "../../context.js";
import { refusal } from "./refusal.js";

/**
 * Refuses to put `what` (a notice, a late-list) into a group that has not been approved or has outside
 * members. Only administrators, who can approve it, are told about 登记本群.
 */
export function requireHearsSchoolTraffic(conversation: TeacherConversation, group: ChatGroup, what: string): void {
  if (group.external) throw refusal(conversation, "group_external", "admin-group-external");
  if (group.status === "approved") return;
  const mayRegister = mayUse(conversation.actor.roles, registerGroup);
  throw refusal(conversation, "group_not_approved", "admin-group-pending", { what, mayRegister });
}

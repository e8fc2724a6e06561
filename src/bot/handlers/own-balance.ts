import { balanceOfTeacher, type Balance } from "../../domain/balance.js";
import type { TeacherConversation } from "../context.js";

/** The sender's own balance today, from the teacher and region the pipeline already loaded. */
export function ownBalance(conversation: TeacherConversation): Promise<Balance> {
  const { teacher, region, deps } = conversation;
  return balanceOfTeacher(deps.prisma, { teacher, region, now: deps.now() });
}

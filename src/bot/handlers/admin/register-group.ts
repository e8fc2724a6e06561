import type { Reply } from "../../../channels/types.js";
import { decideGroup, decisionRefusal, type GroupDecision } from "../../../domain/group-approval.js";
import type { ChatGroup } from "../../../generated/prisma/client.js";
import type { TeacherConversation } from "../../context.js";
import type { Intent } from "../../intents/index.js";
import { refusal } from "./refusal.js";

type GroupIntent = Extract<Intent, { kind: "register_group" | "unregister_group" }>;

/** The group this message came from, refused when it is not the sender's region's or has outside members. */
async function thisGroup(conversation: TeacherConversation): Promise<ChatGroup> {
  const { actor, message, deps } = conversation;
  const group = await deps.prisma.chatGroup.findUnique({ where: { platform_chatId: { platform: message.platform, chatId: message.chatId } } });
  if (!group || group.regionId !== actor.regionId) throw refusal(conversation, "group_elsewhere", "admin-group-elsewhere");
  if (group.external) throw refusal(conversation, "group_external", "admin-group-external");
  return group;
}

/** What the group is called in replies: its school's name, or 全区 for a region-wide group. */
async function filedUnder(conversation: TeacherConversation, schoolId: string | null): Promise<string> {
  if (schoolId === null) return "全区";
  return (await conversation.deps.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).name;
}

/**
 * The school a registered group is to be filed under. A school administrator files it under her own school;
 * a region administrator keeps the group's school, or names one (登记本群 S01); a group without one becomes a
 * region-wide group. Whether she may is decisionRefusal's rule.
 */
async function schoolFor(conversation: TeacherConversation, group: ChatGroup, schoolCode: string | undefined): Promise<string | null> {
  const { actor, deps } = conversation;
  const regionAdmin = actor.roles.includes("region_admin");
  if (schoolCode === undefined) return regionAdmin ? group.schoolId : actor.schoolId;
  // Typed in chat: "s01" means S01. Compared here, not by the database's case-insensitive match, which is
  // ILIKE and would take "S0%" for S01; a region has a few dozen schools.
  const wanted = schoolCode.trim().toUpperCase();
  const schools = await deps.prisma.school.findMany({ where: { regionId: actor.regionId }, select: { id: true, code: true } });
  const school = schools.find((candidate) => candidate.code.toUpperCase() === wanted);
  if (!school) throw refusal(conversation, "school_not_found", "admin-group-school-unknown", { code: shownCode(schoolCode) });
  return school.id;
}

/** Refuses, in the chat's words, a decision the one rule for who decides about which group does not allow. */
function checkMayDecide(conversation: TeacherConversation, group: ChatGroup, decision: GroupDecision): void {
  const refused = decisionRefusal(conversation.actor, group, decision);
  if (refused === "no_school") throw refusal(conversation, "no_school", "admin-no-school");
  if (refused === "group_of_other_school") throw refusal(conversation, "group_of_other_school", "admin-group-other-school");
}

/** What was typed as a school code, safe and short enough to repeat in a reply. */
function shownCode(typed: string): string {
  return [...typed.replace(/[\u0000-\u001F\u007F]/gu, "").trim()].slice(0, 20).join("");
}

/**
 * 登记本群 / 取消登记本群: a school or region administrator, in the group itself, approves it for school
 * traffic (notices, reminders, weekly digests, late-lists) or sets it back to pending. Audited.
 */
export async function registerGroupHandler(conversation: TeacherConversation, intent: GroupIntent): Promise<Reply[]> {
  const { actor, deps, message } = conversation;
  if (message.chatType !== "group") return [conversation.say("admin-group-register-where")];
  const group = await thisGroup(conversation);
  if (intent.kind === "unregister_group") {
    checkMayDecide(conversation, group, { status: "pending", via: "chat" });
    if (group.status === "pending") return [conversation.say("admin-group-not-registered")];
    await decideGroup(deps.prisma, actor, group, { status: "pending", via: "chat" }, deps.now());
    return [conversation.say("admin-group-unregistered")];
  }
  if (!actor.roles.includes("region_admin") && actor.schoolId === null) throw refusal(conversation, "no_school", "admin-no-school");
  const schoolId = await schoolFor(conversation, group, intent.schoolCode);
  checkMayDecide(conversation, group, { status: "approved", schoolId, via: "chat" });
  const where = await filedUnder(conversation, schoolId);
  if (group.status === "approved" && group.schoolId === schoolId) return [conversation.say("admin-group-already-registered", { where })];
  await decideGroup(deps.prisma, actor, group, { status: "approved", schoolId, via: "chat" }, deps.now());
  return [conversation.say("admin-group-registered", { where })];
}

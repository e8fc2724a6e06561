import type { ChatGroup, GroupStatus, PrismaClient } from "../generated/prisma/client.js";
import { requireRole, type Actor } from "./actors.js";
import { audit } from "./audit.js";
import { DomainError } from "./errors.js";

export type GroupDecision = {
  status: GroupStatus;
  /** The school the group is filed under (null: a region-wide group); unchanged when undefined. */
  schoolId?: string | null | undefined;
  via: "chat" | "api";
};

/** Why the actor may not make this decision about this group, or null when she may. */
export type DecisionRefusal = "no_school" | "group_of_other_school";

/**
 * THE rule for who decides about which group. A region administrator decides about every group of her
 * region. A school administrator decides about her own school's groups; besides, in the group itself
 * (chat) she may take over a *pending* group filed elsewhere by approving it under her own school — she
 * is in it and vouches for it. An approved group of another school (or a region-wide one) is never hers.
 * The API offers no take-over: there the administrator is not shown to be in the group.
 */
export function decisionRefusal(actor: Actor, group: Pick<ChatGroup, "status" | "schoolId">, decision: GroupDecision): DecisionRefusal | null {
  if (actor.roles.includes("region_admin")) return null;
  if (actor.schoolId === null) return "no_school";
  const filesUnderOwnSchool = decision.schoolId === undefined || decision.schoolId === actor.schoolId;
  if (group.schoolId === actor.schoolId) return filesUnderOwnSchool ? null : "group_of_other_school";
  const takeOver = decision.via === "chat" && decision.status === "approved" && group.status === "pending" && decision.schoolId === actor.schoolId;
  return takeOver ? null : "group_of_other_school";
}

/** Refuses, before anything is written, a decision the rule above does not allow or an outside group. */
export function assertMayDecide(actor: Actor, group: Pick<ChatGroup, "status" | "schoolId" | "external">, decision: GroupDecision): void {
  requireRole(actor, "school_admin", "region_admin");
  const refused = decisionRefusal(actor, group, decision);
  if (refused === "no_school") throw new DomainError("no_school", "您还没有所属学校，不能登记群。", { kind: "forbidden" });
  if (refused !== null) throw new DomainError("group_of_other_school", "这个群属于别的学校。", { field: "schoolId", kind: "forbidden" });
  refuseExternal(group, decision.status);
}

/** The columns an approval (or setting back to pending) writes: who decided and when. */
export function approvalFields(actor: Actor, status: GroupStatus, now: Date): { status: GroupStatus; approvedBy: string | null; approvedAt: Date | null } {
  const approved = status === "approved";
  return { status, approvedBy: approved ? actor.employeeNumber : null, approvedAt: approved ? now : null };
}

/** The audit action of a decision. */
export function decisionAction(status: GroupStatus): "approve" | "unapprove" {
  return status === "approved" ? "approve" : "unapprove";
}

/**
 * Approves a group for school traffic, or sets it back to pending, recording who did it and when (the
 * rule above says who may). The audit row is written in the same transaction as the change.
 */
export async function decideGroup(prisma: PrismaClient, actor: Actor, group: ChatGroup, decision: GroupDecision, now: Date): Promise<ChatGroup> {
  assertMayDecide(actor, group, decision);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.chatGroup.update({
      where: { id: group.id },
      data: { ...approvalFields(actor, decision.status, now), ...(decision.schoolId !== undefined ? { schoolId: decision.schoolId } : {}) },
    });
    await audit(tx, actor, decisionAction(decision.status), "chat_group", group.id, {
      status: decision.status,
      schoolId: updated.schoolId,
      ...(updated.schoolId !== group.schoolId ? { previousSchoolId: group.schoolId } : {}),
      via: decision.via,
    });
    return updated;
  });
}

/** A group the platform said has outside members is never approved; callers check before writing anything. */
function refuseExternal(group: Pick<ChatGroup, "external">, status: GroupStatus): void {
  if (status === "approved" && group.external) {
    throw new DomainError("group_external", "这个群有企业外部的成员，不能登记接收学校的通知和提醒。", { field: "status", kind: "conflict" });
  }
}

import type { NoticeTarget, PrismaClient } from "../generated/prisma/client.js";
import { requireRole, type Actor } from "./actors.js";
import { DomainError } from "./errors.js";
import { HEARS_SCHOOL_TRAFFIC, hearsSchoolTraffic } from "./group-traffic.js";

/** Who a notice asked for through the admin API goes to. */
export type NoticeAudience =
  | { target: "region" }
  | { target: "school"; schoolIds?: string[] | undefined }
  | { target: "groups"; groupIds: string[] };

/**
 * The ChatGroup ids a notice reaches, in the order the groups became known: approved groups without outside
 * members only. School administrators reach their own school only (a school list naming another school, or
 * a group list naming an unapproved group, is refused, not trimmed, so nobody believes a notice went where
 * it did not); the whole region is for region administrators.
 */
export async function noticeAudienceGroupIds(
  prisma: Pick<PrismaClient, "chatGroup" | "school">,
  actor: Actor,
  audience: NoticeAudience,
): Promise<{ target: NoticeTarget; groupIds: string[] }> {
  requireRole(actor, "school_admin", "region_admin");
  const regionAdmin = actor.roles.includes("region_admin");
  const inOrder = { orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] };
  switch (audience.target) {
    case "region": {
      requireRole(actor, "region_admin");
      const groups = await prisma.chatGroup.findMany({ where: { regionId: actor.regionId, ...HEARS_SCHOOL_TRAFFIC }, ...inOrder });
      return { target: "region", groupIds: groups.map((group) => group.id) };
    }
    case "school": {
      const schoolIds = audience.schoolIds ?? (actor.schoolId && !regionAdmin ? [actor.schoolId] : []);
      if (schoolIds.length === 0) throw new DomainError("school_required", "请指定要通知的学校（schoolIds）。", { field: "schoolIds" });
      if (!regionAdmin && schoolIds.some((id) => id !== actor.schoolId)) {
        throw new DomainError("notice_other_school", "学校管理员只能通知本校的群。", { field: "schoolIds", kind: "forbidden" });
      }
      const known = await prisma.school.count({ where: { id: { in: schoolIds }, regionId: actor.regionId } });
      if (known !== new Set(schoolIds).size) throw new DomainError("school_not_found", "找不到其中的某所学校。", { field: "schoolIds", kind: "not_found" });
      const groups = await prisma.chatGroup.findMany({ where: { regionId: actor.regionId, schoolId: { in: schoolIds }, ...HEARS_SCHOOL_TRAFFIC }, ...inOrder });
      return { target: "school", groupIds: groups.map((group) => group.id) };
    }
    case "groups": {
      const wanted = new Set(audience.groupIds);
      const groups = await prisma.chatGroup.findMany({ where: { id: { in: [...wanted] }, regionId: actor.regionId }, ...inOrder });
      const reachable = groups.filter((group) => regionAdmin || group.schoolId === actor.schoolId);
      if (reachable.length !== wanted.size) throw new DomainError("group_not_found", "找不到其中的某个群，或它不属于你的学校。", { field: "groupIds", kind: "not_found" });
      if (!reachable.every(hearsSchoolTraffic)) {
        throw new DomainError("group_not_approved", "其中有群还没登记（或有企业外部成员），不能接收通知。请先登记该群。", { field: "groupIds", kind: "conflict" });
      }
      return { target: "group", groupIds: reachable.map((group) => group.id) };
    }
  }
}

import type { Role } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";
import { DomainError } from "./errors.js";

/**
 * Roles are granted only downward. A region admin stands above everyone; a school admin and a reviewer
 * each hold their own role and a teacher's. Nobody may change, deactivate, unbind, issue codes or tokens
 * for a person holding a role they do not hold themselves, and only region admins grant or remove any role
 * beyond 教师.
 */
const ROLE_NAMES: Record<Role, string> = { teacher: "教师", school_admin: "学校管理员", region_admin: "区域管理员", reviewer: "评审员" };

export function holds(actor: Pick<Actor, "roles">, role: Role): boolean {
  return role === "teacher" || actor.roles.includes("region_admin") || actor.roles.includes(role);
}

/** The first role of `target` the actor does not hold, if any. */
export function roleBeyond(actor: Pick<Actor, "roles">, target: { roles: readonly Role[] }): Role | undefined {
  return target.roles.find((role) => !holds(actor, role));
}

/** Refuses managing a person (change, deactivate, bind code, unbind, token) who holds a role the actor lacks. */
export function assertMayManage(actor: Pick<Actor, "roles">, target: { roles: readonly Role[]; name?: string }): void {
  const beyond = roleBeyond(actor, target);
  if (beyond === undefined) return;
  throw new DomainError("forbidden_target_role", `这位是${ROLE_NAMES[beyond]}，只有区域管理员能管理他的账号和角色。`, { kind: "forbidden" });
}

/** Refuses a role change unless the actor is a region admin, or the change touches only the 教师 role. */
export function assertMayGrant(actor: Pick<Actor, "roles">, before: readonly Role[], after: readonly Role[], field = "roles"): void {
  if (actor.roles.includes("region_admin")) return;
  const changed = [...new Set([...before, ...after])].filter((role) => role !== "teacher" && before.includes(role) !== after.includes(role));
  if (changed.length === 0) return;
  throw new DomainError("forbidden_role_grant", `只有区域管理员能授予或取消${changed.map((role) => ROLE_NAMES[role]).join("、")}角色。`, { field, kind: "forbidden" });
}

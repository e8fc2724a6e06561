import type { Role, Teacher } from "../generated/prisma/client.js";
import { DomainError } from "./errors.js";
import type { AccessScope } from "./scope.js";

/** A person acting through the admin API or the chat bot, with what their roles let them see. */
export type Actor = {
  teacherId: string;
  employeeNumber: string;
  name: string;
  regionId: string;
  schoolId: string | null;
  roles: Role[];
  scope: AccessScope;
};

export function actorOf(teacher: Teacher): Actor {
  const scope: AccessScope = teacher.roles.includes("region_admin")
    ? { kind: "region", regionId: teacher.regionId }
    : teacher.roles.includes("school_admin") && teacher.schoolId
      ? { kind: "school", regionId: teacher.regionId, schoolId: teacher.schoolId }
      : { kind: "self", regionId: teacher.regionId, teacherId: teacher.id };
  return {
    teacherId: teacher.id,
    employeeNumber: teacher.employeeNumber,
    name: teacher.name,
    regionId: teacher.regionId,
    schoolId: teacher.schoolId,
    roles: teacher.roles,
    scope,
  };
}

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  teacher: "教师",
  school_admin: "学校管理员",
  region_admin: "区域管理员",
  reviewer: "评审员",
};

/** Refuses unless the actor holds one of the roles, naming them in the message. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (roles.some((role) => actor.roles.includes(role))) return;
  throw new DomainError("forbidden", `这项操作需要${roles.map((r) => ROLE_NAMES[r]).join("或")}权限。`, { kind: "forbidden" });
}

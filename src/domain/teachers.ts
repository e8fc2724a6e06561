import type { Prisma, PrismaClient, Role, Teacher } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";
import { audit } from "./audit.js";
import { assertMayGrant, assertMayManage } from "./authority.js";
import { toDbDate, type DateOnly } from "./calendar.js";
import { DomainError } from "./errors.js";
import { isUniqueViolation } from "./imports/unique-violation.js";
import { teacherInScope } from "./scope.js";
import { ERASED_MESSAGE } from "./personal-data.js";

export type NewTeacher = { employeeNumber: string; name: string; schoolId?: string | null; hiredOn?: DateOnly; roles: Role[] };
export type TeacherChanges = { name?: string; schoolId?: string | null; hiredOn?: DateOnly; roles?: Role[]; active?: boolean };

/**
 * Adding and changing one person by hand. A school admin works within her own school; roles beyond 教师 are
 * granted and removed only by a region admin, and nobody changes a person who holds a role they lack
 * (src/domain/authority.ts). Each change is audited in the transaction that makes it.
 */
export async function createTeacher(prisma: PrismaClient, actor: Actor, person: NewTeacher): Promise<Teacher> {
  const schoolId = person.schoolId ?? (actor.scope.kind === "region" ? null : actor.schoolId);
  assertWithinOwnSchool(actor, schoolId);
  assertMayGrant(actor, [], person.roles);
  try {
    return await prisma.$transaction(async (tx) => {
      await assertSchoolInRegion(tx, actor.regionId, schoolId);
      const teacher = await tx.teacher.create({
        data: {
          regionId: actor.regionId,
          schoolId,
          employeeNumber: person.employeeNumber,
          name: person.name,
          roles: person.roles,
          ...(person.hiredOn ? { hiredOn: toDbDate(person.hiredOn) } : {}),
        },
      });
      await audit(tx, actor, "create", "teacher", teacher.id, { employeeNumber: teacher.employeeNumber, roles: teacher.roles });
      return teacher;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new DomainError("employee_number_taken", `工号 ${person.employeeNumber} 已经存在。`, { field: "employeeNumber", kind: "conflict" });
  }
}

/**
 * Renames, moves, (de)activates or re-roles a person. The checks run against the person's roles as they
 * stand, read under a row lock, so a promotion racing with a school admin's edit cannot slip past them.
 */
export async function updateTeacher(prisma: PrismaClient, actor: Actor, teacherId: string, changes: TeacherChanges): Promise<Teacher> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Teacher" WHERE id = ${teacherId} FOR UPDATE`;
    const teacher = await teacherInScope(tx, actor.scope, teacherId);
    assertMayManage(actor, teacher);
    if (teacher.erasedAt) throw new DomainError("teacher_erased", ERASED_MESSAGE(teacher.employeeNumber), { kind: "conflict" });
    if (changes.roles !== undefined) assertMayGrant(actor, teacher.roles, changes.roles);
    if (changes.schoolId !== undefined) {
      assertWithinOwnSchool(actor, changes.schoolId);
      await assertSchoolInRegion(tx, actor.regionId, changes.schoolId);
    }
    const updated = await tx.teacher.update({
      where: { id: teacher.id },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.schoolId !== undefined ? { schoolId: changes.schoolId } : {}),
        ...(changes.roles !== undefined ? { roles: changes.roles } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(changes.hiredOn !== undefined ? { hiredOn: toDbDate(changes.hiredOn) } : {}),
      },
    });
    await audit(tx, actor, "update", "teacher", teacher.id, { ...changes, ...(changes.roles !== undefined ? { rolesBefore: teacher.roles } : {}) });
    return updated;
  });
}

/** A school admin places people in her own school only; a region admin anywhere in the region. */
function assertWithinOwnSchool(actor: Actor, schoolId: string | null): void {
  if (actor.scope.kind === "region") return;
  if (actor.scope.kind === "school" && schoolId === actor.scope.schoolId) return;
  throw new DomainError("forbidden", "学校管理员只能管理本校教师。", { field: "schoolId", kind: "forbidden" });
}

async function assertSchoolInRegion(tx: Prisma.TransactionClient, regionId: string, schoolId: string | null): Promise<void> {
  if (schoolId === null) return;
  const school = await tx.school.findUnique({ where: { id: schoolId } });
  if (!school || school.regionId !== regionId) {
    throw new DomainError("school_not_found", "找不到这所学校。", { field: "schoolId", kind: "not_found" });
  }
}

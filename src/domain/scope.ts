import { DomainError } from "./errors.js";

/**
 * What a caller may see: a whole region (region admins, region-scoped API tokens), one school (school
 * admins, school-scoped tokens) or just themselves (a teacher in chat).
 */
export type AccessScope =
  | { kind: "region"; regionId: string }
  | { kind: "school"; regionId: string; schoolId: string }
  | { kind: "self"; regionId: string; teacherId: string };

type Owned = { regionId: string; schoolId?: string | null; teacherId?: string };

export function canSee(scope: AccessScope, target: Owned): boolean {
  if (scope.regionId !== target.regionId) return false;
  switch (scope.kind) {
    case "region":
      return true;
    case "school":
      return target.schoolId === scope.schoolId;
    case "self":
      return target.teacherId === scope.teacherId;
  }
}

/** Out-of-scope records are reported as missing, so a caller cannot probe which ids exist elsewhere. */
export function assertCanSee(scope: AccessScope, target: Owned, what: string, code: string): void {
  if (!canSee(scope, target)) throw new DomainError(code, `找不到${what}。`, { kind: "not_found" });
}

type TeacherRow = { id: string; regionId: string; schoolId: string | null };

/** Loads a teacher the scope may see; anything else reads as not found. */
export async function teacherInScope<T extends TeacherRow>(
  prisma: { teacher: { findUnique(args: { where: { id: string } }): Promise<T | null> } },
  scope: AccessScope,
  teacherId: string,
): Promise<T> {
  const teacher = await prisma.teacher.findUnique({ where: { id: teacherId } });
  if (!teacher || !canSee(scope, { regionId: teacher.regionId, schoolId: teacher.schoolId, teacherId: teacher.id })) {
    throw new DomainError("teacher_not_found", "找不到这位教师。", { kind: "not_found" });
  }
  return teacher;
}

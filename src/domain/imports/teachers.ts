import type { Prisma, PrismaClient, Role, Teacher } from "../../generated/prisma/client.js";
import { requireRole, type Actor } from "../actors.js";
import { audit } from "../audit.js";
import { fromDbDate, toDbDate } from "../calendar.js";
import { DomainError } from "../errors.js";
import { readTable } from "../spreadsheet/read-table.js";
import type { RowError, UploadedFile } from "../spreadsheet/types.js";
import { importReport, type ImportReport, type TeacherImportSummary } from "./import-report.js";
import { parseTeacherRows, TEACHER_COLUMNS, type TeacherRow } from "./teacher-rows.js";
import { isUniqueViolation } from "./unique-violation.js";

const CREATE_BATCH = 2_000;

type Change = { teacher: Teacher; data: Prisma.TeacherUpdateInput };

/**
 * Imports a roster: a new 工号 creates a teacher, a known one updates whatever the line changes, an
 * identical line changes nothing, so importing the same file twice is harmless. All lines or none: any
 * problem anywhere leaves the roster untouched. A school admin may import only their own school's lines.
 */
export async function importTeachers(
  prisma: PrismaClient,
  request: { actor: Actor; file: UploadedFile; dryRun: boolean },
): Promise<ImportReport<TeacherImportSummary>> {
  const { actor, file } = request;
  requireRole(actor, "region_admin", "school_admin");
  if (actor.scope.kind === "self") throw new DomainError("forbidden", "学校管理员账号没有关联学校，无法导入名单。", { kind: "forbidden" });

  const reportOf = (summary: TeacherImportSummary, errors: RowError[], applied: boolean) =>
    importReport({ file: file.name, dryRun: request.dryRun, columns: TEACHER_COLUMNS.map((column) => column.name) }, summary, errors, applied);
  const table = await readTable(file, TEACHER_COLUMNS);
  const empty = { rows: table.rows.length, create: 0, update: 0, unchanged: 0 };
  if (table.errors.length > 0) return reportOf(empty, table.errors, false);

  const [schools, stored] = await Promise.all([
    prisma.school.findMany({ where: { regionId: actor.regionId } }),
    prisma.teacher.findMany({ where: { regionId: actor.regionId } }),
  ]);
  const parsed = parseTeacherRows(table.rows, { schools, actor });
  const errors: RowError[] = [...parsed.errors];
  const byNumber = new Map(stored.map((teacher) => [teacher.employeeNumber, teacher]));
  const creates: TeacherRow[] = [];
  const changes: Change[] = [];
  let unchanged = 0;
  for (const row of parsed.rows) {
    const teacher = byNumber.get(row.employeeNumber);
    if (!teacher) {
      creates.push(row);
      continue;
    }
    const refusal = refusalToChange(actor, teacher);
    if (refusal) {
      errors.push({ row: row.row, column: "工号", message: refusal });
      continue;
    }
    const data = changesOf(teacher, row);
    if (Object.keys(data).length === 0) unchanged += 1;
    else changes.push({ teacher, data });
  }

  const summary = { rows: table.rows.length, create: creates.length, update: changes.length, unchanged };
  const apply = errors.length === 0 && !request.dryRun;
  if (apply) {
    try {
      await prisma.$transaction(
        async (tx) => {
          // Batches within PostgreSQL's 32,767 parameters per statement: left to Prisma, an oversized
          // createMany is split into statements sent at once over the transaction's one connection.
          for (let start = 0; start < creates.length; start += CREATE_BATCH) {
            await tx.teacher.createMany({ data: creates.slice(start, start + CREATE_BATCH).map((row) => newTeacher(actor.regionId, row)) });
          }
          for (const change of changes) await tx.teacher.update({ where: { id: change.teacher.id }, data: change.data });
          await audit(tx, actor, "import", "teacher", null, { file: file.name, ...summary });
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError("roster_changed", "导入期间有人新增了同一工号的教师，本次未导入任何数据；请重新导入。", { kind: "conflict" });
      }
      throw error;
    }
  }
  return reportOf(summary, errors, apply);
}

/**
 * A school admin may change only teachers of their own school, and never a region admin. The refusal does
 * not name the other school or the person: a school admin sees nothing beyond their school.
 */
function refusalToChange(actor: Actor, teacher: Teacher): string | undefined {
  if (actor.scope.kind !== "school") return undefined;
  if (teacher.schoolId !== actor.scope.schoolId) return `工号 ${teacher.employeeNumber} 已登记在其他学校或单位，学校管理员只能修改本校教师`;
  if (teacher.roles.includes("region_admin")) return `工号 ${teacher.employeeNumber} 是区域管理员，只有区域管理员能修改`;
  return undefined;
}

function changesOf(teacher: Teacher, row: TeacherRow): Prisma.TeacherUpdateInput {
  const sameRoles = (roles: Role[]) => roles.length === teacher.roles.length && roles.every((role) => teacher.roles.includes(role));
  return {
    ...(row.name !== teacher.name ? { name: row.name } : {}),
    ...(row.schoolId !== teacher.schoolId ? { school: { connect: { id: row.schoolId } } } : {}),
    ...(row.hiredOn !== undefined && row.hiredOn !== (teacher.hiredOn ? fromDbDate(teacher.hiredOn) : undefined)
      ? { hiredOn: toDbDate(row.hiredOn) }
      : {}),
    ...(row.roles !== undefined && !sameRoles(row.roles) ? { roles: row.roles } : {}),
    ...(row.active !== undefined && row.active !== teacher.active ? { active: row.active } : {}),
  };
}

function newTeacher(regionId: string, row: TeacherRow): Prisma.TeacherCreateManyInput {
  return {
    regionId,
    schoolId: row.schoolId,
    employeeNumber: row.employeeNumber,
    name: row.name,
    roles: row.roles ?? ["teacher"],
    active: row.active ?? true,
    ...(row.hiredOn !== undefined ? { hiredOn: toDbDate(row.hiredOn) } : {}),
  };
}

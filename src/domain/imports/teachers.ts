import type { Prisma, PrismaClient, Role, Teacher } from "../../generated/prisma/client.js";
import type { SecretBox } from "../../secret-box.js";
import { requireRole, type Actor } from "../actors.js";
import { audit } from "../audit.js";
import { assertMayGrant, assertMayManage } from "../authority.js";
import { fromDbDate, toDbDate } from "../calendar.js";
import { DomainError } from "../errors.js";
import { mobileHash, mobileMatches } from "../mobile.js";
import { readTable } from "../spreadsheet/read-table.js";
import type { RowError, UploadedFile } from "../spreadsheet/types.js";
import { importReport, type ImportReport, type TeacherImportSummary } from "./import-report.js";
import { parseTeacherRows, TEACHER_COLUMNS, type RosterAccount, type TeacherRow } from "./teacher-rows.js";
import { isUniqueViolation } from "./unique-violation.js";
import { ERASED_MESSAGE } from "../personal-data.js";

const CREATE_BATCH = 2_000;

type Change = { teacher: Teacher; data: Prisma.TeacherUpdateInput };
/** A platform account the file makes a person's: new to them, or theirs so far only by a self-binding. */
type AccountLink = RosterAccount & { employeeNumber: string };

/**
 * Imports a roster: a new 工号 creates a teacher, a known one updates whatever the line changes, an
 * identical line changes nothing, so importing the same file twice is harmless. All lines or none: any
 * problem anywhere leaves the roster untouched. A school admin may import only their own school's lines,
 * grants no role beyond 教师 and changes nobody holding a role she lacks (src/domain/authority.ts).
 *
 * The roster is the organisation's word on identity: its account columns make those accounts the
 * person's (source "roster"), replacing another account of theirs on that platform but never taking one
 * that speaks for someone else; 手机 is kept only as a keyed hash, for matching address-book exports.
 */
export async function importTeachers(
  prisma: PrismaClient,
  request: { actor: Actor; file: UploadedFile; dryRun: boolean; secrets: SecretBox },
): Promise<ImportReport<TeacherImportSummary>> {
  const { actor, file, secrets } = request;
  requireRole(actor, "region_admin", "school_admin");
  if (actor.scope.kind === "self") throw new DomainError("forbidden", "学校管理员账号没有关联学校，无法导入名单。", { kind: "forbidden" });

  const reportOf = (summary: TeacherImportSummary, errors: RowError[], applied: boolean) =>
    importReport({ file: file.name, dryRun: request.dryRun, columns: TEACHER_COLUMNS.map((column) => column.name) }, summary, errors, applied);
  const table = await readTable(file, TEACHER_COLUMNS);
  const empty = { rows: table.rows.length, create: 0, update: 0, unchanged: 0, accounts: 0 };
  if (table.errors.length > 0) return reportOf(empty, table.errors, false);

  const [schools, stored] = await Promise.all([
    prisma.school.findMany({ where: { regionId: actor.regionId } }),
    prisma.teacher.findMany({ where: { regionId: actor.regionId } }),
  ]);
  const parsed = parseTeacherRows(table.rows, { schools, actor });
  const errors: RowError[] = [...parsed.errors];
  const byNumber = new Map(stored.map((teacher) => [teacher.employeeNumber, teacher]));
  const links = await accountLinks(prisma, parsed.rows, byNumber, errors);
  const creates: TeacherRow[] = [];
  const changes: Change[] = [];
  let unchanged = 0;
  for (const row of parsed.rows) {
    const teacher = byNumber.get(row.employeeNumber);
    if (!teacher) {
      const refusal = refusalOf(() => assertMayGrant(actor, [], row.roles ?? ["teacher"]));
      if (refusal) errors.push({ row: row.row, column: "角色", message: refusal });
      else creates.push(row);
      continue;
    }
    const data = changesOf(teacher, row, secrets);
    const changed = Object.keys(data).length > 0 || links.some((link) => link.employeeNumber === row.employeeNumber);
    const refusal = refusalToChange(actor, teacher, row, changed);
    if (refusal) errors.push({ row: row.row, ...refusal });
    else if (changed) changes.push({ teacher, data });
    else unchanged += 1;
  }

  const summary = { rows: table.rows.length, create: creates.length, update: changes.length, unchanged, accounts: links.length };
  const apply = errors.length === 0 && !request.dryRun;
  if (apply) {
    try {
      await prisma.$transaction(
        async (tx) => {
          // Batches within PostgreSQL's 32,767 parameters per statement: left to Prisma, an oversized
          // createMany is split into statements sent at once over the transaction's one connection.
          for (let start = 0; start < creates.length; start += CREATE_BATCH) {
            await tx.teacher.createMany({ data: creates.slice(start, start + CREATE_BATCH).map((row) => newTeacher(actor.regionId, row, secrets)) });
          }
          for (const change of changes) {
            if (Object.keys(change.data).length > 0) await tx.teacher.update({ where: { id: change.teacher.id }, data: change.data });
          }
          await linkAccounts(tx, actor.regionId, links);
          await audit(tx, actor, "import", "teacher", null, { file: file.name, ...summary });
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError("roster_changed", "导入期间有人新增了同一工号的教师或绑定了同一账号，本次未导入任何数据；请重新导入。", { kind: "conflict" });
      }
      throw error;
    }
  }
  return reportOf(summary, errors, apply);
}

/** The role rule's refusal as a sentence for the report, or undefined when it allows the change. */
function refusalOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

/**
 * A school admin lists only teachers of her own school. A line that changes someone (or gives them an
 * account) needs the role rule's consent: nobody changes a person holding a role they lack, and only a
 * region admin grants or removes roles beyond 教师. An unchanged line of a colleague with such a role
 * passes, so the school's full staff list can be imported as it is. The refusal for another school does
 * not name the school or the person: a school admin sees nothing beyond her school.
 */
function refusalToChange(actor: Actor, teacher: Teacher, row: TeacherRow, changed: boolean): Omit<RowError, "row"> | undefined {
  if (actor.scope.kind === "school" && teacher.schoolId !== actor.scope.schoolId) {
    return { column: "工号", message: `工号 ${teacher.employeeNumber} 已登记在其他学校或单位，学校管理员只能修改本校教师` };
  }
  // An erased person stays erased: a roster line must not bring the name or accounts back.
  if (teacher.erasedAt) return { column: "工号", message: ERASED_MESSAGE(teacher.employeeNumber) };
  if (!changed) return undefined;
  const grant = row.roles && refusalOf(() => assertMayGrant(actor, teacher.roles, row.roles!));
  if (grant) return { column: "角色", message: grant };
  const manage = refusalOf(() => assertMayManage(actor, teacher));
  return manage ? { column: "工号", message: `工号 ${teacher.employeeNumber}：${manage}` } : undefined;
}

/**
 * The accounts of the file that are news, checked against who holds them now. An account that speaks for
 * another person is refused on its line; it is never moved silently (an administrator unbinds it first).
 */
async function accountLinks(prisma: PrismaClient, rows: readonly TeacherRow[], byNumber: ReadonlyMap<string, Teacher>, errors: RowError[]): Promise<AccountLink[]> {
  const wanted = rows.flatMap((row) => row.accounts.map((account) => ({ ...account, employeeNumber: row.employeeNumber, row: row.row })));
  if (wanted.length === 0) return [];
  const held = await prisma.chatIdentity.findMany({
    where: { OR: wanted.map(({ platform, platformUserId }) => ({ platform, platformUserId })) },
  });
  const holderOf = new Map(held.map((identity) => [`${identity.platform}:${identity.platformUserId}`, identity]));
  const links: AccountLink[] = [];
  for (const { row, ...link } of wanted) {
    const holder = holderOf.get(`${link.platform}:${link.platformUserId}`);
    const teacher = byNumber.get(link.employeeNumber);
    if (holder && holder.teacherId !== teacher?.id) {
      errors.push({ row, column: link.column, message: `账号 ${link.platformUserId} 已是另一个人的聊天账号；如确属本人，请先在管理后台解绑，再导入` });
    } else if (holder?.source !== "roster") {
      links.push(link);
    }
  }
  return links;
}

/** Makes each account its person's, from the roster; another account of theirs on that platform goes. */
async function linkAccounts(tx: Prisma.TransactionClient, regionId: string, links: readonly AccountLink[]): Promise<void> {
  if (links.length === 0) return;
  const people = await tx.teacher.findMany({ where: { regionId, employeeNumber: { in: [...new Set(links.map((link) => link.employeeNumber))] } } });
  const idOf = new Map(people.map((person) => [person.employeeNumber, person.id]));
  for (const link of links) {
    const teacherId = idOf.get(link.employeeNumber)!;
    await tx.chatIdentity.deleteMany({ where: { teacherId, platform: link.platform, platformUserId: { not: link.platformUserId } } });
    await tx.chatIdentity.upsert({
      where: { platform_platformUserId: { platform: link.platform, platformUserId: link.platformUserId } },
      create: { platform: link.platform, platformUserId: link.platformUserId, teacherId, source: "roster" },
      update: { source: "roster" },
    });
  }
}

function changesOf(teacher: Teacher, row: TeacherRow, secrets: SecretBox): Prisma.TeacherUpdateInput {
  const sameRoles = (roles: Role[]) => roles.length === teacher.roles.length && roles.every((role) => teacher.roles.includes(role));
  return {
    ...(row.name !== teacher.name ? { name: row.name } : {}),
    ...(row.schoolId !== teacher.schoolId ? { school: { connect: { id: row.schoolId } } } : {}),
    ...(row.hiredOn !== undefined && row.hiredOn !== (teacher.hiredOn ? fromDbDate(teacher.hiredOn) : undefined)
      ? { hiredOn: toDbDate(row.hiredOn) }
      : {}),
    ...(row.roles !== undefined && !sameRoles(row.roles) ? { roles: row.roles } : {}),
    ...(row.active !== undefined && row.active !== teacher.active ? { active: row.active } : {}),
    ...(row.mobile !== undefined && !mobileMatches(secrets, row.mobile, teacher.mobileHash) ? { mobileHash: mobileHash(secrets, row.mobile) } : {}),
  };
}

function newTeacher(regionId: string, row: TeacherRow, secrets: SecretBox): Prisma.TeacherCreateManyInput {
  return {
    regionId,
    schoolId: row.schoolId,
    employeeNumber: row.employeeNumber,
    name: row.name,
    roles: row.roles ?? ["teacher"],
    active: row.active ?? true,
    ...(row.hiredOn !== undefined ? { hiredOn: toDbDate(row.hiredOn) } : {}),
    ...(row.mobile !== undefined ? { mobileHash: mobileHash(secrets, row.mobile) } : {}),
  };
}

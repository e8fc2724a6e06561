import { ROSTER_ACCOUNT_COLUMNS, type DirectoryPlatform, type RosterAccountColumn } from "../../channels/platforms.js";
import type { Role, School } from "../../generated/prisma/client.js";
import type { Actor } from "../actors.js";
import type { DateOnly } from "../calendar.js";
import { choice, date, text, type CellParser } from "../spreadsheet/cell-parsers.js";
import type { ColumnSpec } from "../spreadsheet/headers.js";
import type { TableRow } from "../spreadsheet/read-table.js";
import { RowFields } from "../spreadsheet/row-fields.js";
import { employeeNumberCell, mobileCell, nameCell, platformUserIdCell } from "./account-cells.js";
import type { RowError } from "../spreadsheet/types.js";

export type TeacherColumn = "工号" | "姓名" | "学校" | "入职日期" | "角色" | "状态" | RosterAccountColumn | "手机";

export const TEACHER_COLUMNS: readonly ColumnSpec<TeacherColumn>[] = [
  { name: "工号", aliases: ["教师编号", "教工号", "职工号", "教师工号"], required: true },
  { name: "姓名", aliases: ["教师姓名"], required: true },
  { name: "学校", aliases: ["学校名称", "学校代码", "所在学校", "单位", "工作单位"], required: true },
  { name: "入职日期", aliases: ["入职时间", "到岗日期"] },
  { name: "角色", aliases: ["身份"] },
  { name: "状态", aliases: ["在职状态", "人员状态"] },
  ...ROSTER_ACCOUNT_COLUMNS.map((account) => account.column),
  { name: "手机", aliases: ["手机号", "手机号码", "联系电话"] },
];

/** A roster line as the file states it; absent optional values leave the stored ones as they are. */
export type TeacherRow = {
  row: number;
  employeeNumber: string;
  name: string;
  schoolId: string;
  hiredOn?: DateOnly;
  roles?: Role[];
  active?: boolean;
  /** Platform accounts the organisation says are this person's. */
  accounts: RosterAccount[];
  /** Normalised, for hashing only; never stored in clear. */
  mobile?: string;
};

export type RosterAccount = { platform: DirectoryPlatform; platformUserId: string; column: TeacherColumn };

const ROLE_NAMES: Readonly<Record<string, Role>> = {
  教师: "teacher",
  学校管理员: "school_admin",
  评审员: "reviewer",
  区域管理员: "region_admin",
};
const ROLE_ORDER: readonly Role[] = ["teacher", "school_admin", "region_admin", "reviewer"];
const status = choice({ 在职: true, 离职: false });

/**
 * Checks every roster line against the region's schools and the one 工号 and name rules, collecting all
 * problems. Lines are matched to stored teachers later (where the role rule applies); a 工号 or a platform
 * account twice in one file is refused here.
 */
export function parseTeacherRows(
  lines: readonly TableRow<TeacherColumn>[],
  context: { schools: readonly School[]; actor: Actor },
): { rows: TeacherRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: TeacherRow[] = [];
  const findSchool = schoolFinder(context.schools);
  const firstRowOf = new Map<string, number>();
  const firstRowOfAccount = new Map<string, number>();

  for (const line of lines) {
    const fields = new RowFields(line, errors);
    const employeeNumber = fields.required("工号", employeeNumberCell);
    const name = fields.required("姓名", nameCell(50));
    const school = fields.required("学校", findSchool);
    const hiredOn = fields.optional("入职日期", date);
    const roles = fields.optional("角色", rolesCell);
    const active = fields.optional("状态", status);
    const mobile = fields.optional("手机", mobileCell);
    const accounts: RosterAccount[] = [];
    for (const { platform, column: { name: column } } of ROSTER_ACCOUNT_COLUMNS) {
      const platformUserId = fields.optional(column, platformUserIdCell);
      if (platformUserId === undefined) continue;
      const key = `${platform}:${platformUserId}`;
      const first = firstRowOfAccount.get(key);
      if (first !== undefined) fields.reject(column, `账号 ${platformUserId} 与第 ${first} 行重复`);
      else firstRowOfAccount.set(key, line.row);
      accounts.push({ platform, platformUserId, column });
    }

    if (employeeNumber !== undefined) {
      const first = firstRowOf.get(employeeNumber);
      if (first !== undefined) fields.reject("工号", `工号 ${employeeNumber} 与第 ${first} 行重复`);
      else firstRowOf.set(employeeNumber, line.row);
    }
    if (school && context.actor.scope.kind === "school" && school.id !== context.actor.scope.schoolId) {
      fields.reject("学校", `学校管理员只能导入本校教师，本行是「${school.name}」`);
    }
    if (!fields.valid || employeeNumber === undefined || name === undefined || school === undefined) continue;
    rows.push({
      row: line.row,
      employeeNumber,
      name,
      schoolId: school.id,
      ...(hiredOn !== undefined ? { hiredOn } : {}),
      ...(roles !== undefined ? { roles } : {}),
      ...(active !== undefined ? { active } : {}),
      accounts,
      ...(mobile !== undefined ? { mobile } : {}),
    });
  }
  return { rows, errors };
}

/** A school by its code (S01) or its full name, as clerks write either. */
function schoolFinder(schools: readonly School[]): CellParser<School> {
  const key = (value: string) => value.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  const byCode = new Map(schools.map((school) => [key(school.code), school]));
  const byName = new Map<string, School[]>();
  for (const school of schools) byName.set(key(school.name), [...(byName.get(key(school.name)) ?? []), school]);
  return (cell) => {
    const typed = text(100)(cell);
    if (!typed.ok) return typed;
    const found = byCode.get(key(typed.value)) ?? byName.get(key(typed.value));
    if (found === undefined) return { ok: false, message: `本区域没有代码或名称为「${typed.value}」的学校` };
    if (!Array.isArray(found)) return { ok: true, value: found };
    if (found.length > 1) return { ok: false, message: `有 ${found.length} 所学校都叫「${typed.value}」，请改填学校代码` };
    return { ok: true, value: found[0] as School };
  };
}

/** Roles separated by 、，, or ; who may grant which is the role rule's business (src/domain/authority.ts). */
const rolesCell: CellParser<Role[]> = (cell) => {
  const allowed = Object.keys(ROLE_NAMES);
  const typed = text(100)(cell);
  if (!typed.ok) return typed;
  const roles = new Set<Role>();
  for (const word of typed.value.split(/[、，,;；/\s]+/).filter(Boolean)) {
    const role = ROLE_NAMES[word];
    if (role === undefined) return { ok: false, message: `「${word}」不是可选的角色，可选：${allowed.join("、")}` };
    roles.add(role);
  }
  if (roles.size === 0) return { ok: false, message: `至少填一个角色，可选：${allowed.join("、")}` };
  return { ok: true, value: ROLE_ORDER.filter((role) => roles.has(role)) };
};

import type { Teacher, TrainingProject } from "../../generated/prisma/client.js";
import type { DateOnly } from "../calendar.js";
import { amount, choice, date, text, type CellParser } from "../spreadsheet/cell-parsers.js";
import type { ColumnSpec } from "../spreadsheet/headers.js";
import type { TableRow } from "../spreadsheet/read-table.js";
import { RowFields } from "../spreadsheet/row-fields.js";
import type { RowError } from "../spreadsheet/types.js";
import type { Result } from "../../credits/vocabulary.js";

export type ResultColumn = "工号" | "姓名" | "项目编号" | "学时" | "请假学时" | "考核结果" | "角色" | "完成日期";

export const RESULT_COLUMNS: readonly ColumnSpec<ResultColumn>[] = [
  { name: "工号", aliases: ["教师编号", "教工号", "职工号", "教师工号"], required: true },
  { name: "姓名", aliases: ["教师姓名"], required: true },
  { name: "项目编号", aliases: ["项目代码", "培训项目编号", "项目号"], required: true },
  { name: "学时", aliases: ["培训学时", "获得学时"] },
  { name: "请假学时", aliases: ["请假", "缺勤学时"] },
  { name: "考核结果", aliases: ["考核等次", "考核等级", "结业成绩", "成绩"], required: true },
  { name: "角色", aliases: ["参训角色", "参训身份"] },
  { name: "完成日期", aliases: ["结业日期", "完成时间", "结业时间"] },
];

/** One teacher's result in one project, checked against the roster and the project. */
export type ResultRow = {
  row: number;
  teacher: Teacher;
  project: TrainingProject;
  result: Result;
  role: "participant" | "lecturer";
  /** Absent: the project's hours. */
  hours?: number;
  leaveHours: number;
  /** Absent: the project's last day. */
  date?: DateOnly;
};

const grade = choice<Result>({ 合格: "pass", 良好: "good", 优秀: "excellent", 不合格: "fail" });
const role = choice<"participant" | "lecturer">({ 参训: "participant", 主讲: "lecturer" });
const sameName = (a: string, b: string) => a.normalize("NFKC").replace(/\s+/g, "") === b.normalize("NFKC").replace(/\s+/g, "");

/**
 * Checks every results line, collecting all problems: the 工号 must be on the region's roster under the
 * same 姓名 (a mismatch usually means rows slipped while copying), the project must exist, leave cannot
 * exceed the hours, and a teacher appears at most once per project.
 */
export function parseResultRows(
  lines: readonly TableRow<ResultColumn>[],
  context: { teachers: readonly Teacher[]; projects: readonly TrainingProject[] },
): { rows: ResultRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const rows: ResultRow[] = [];
  const findTeacher = lookup(context.teachers, (t) => t.employeeNumber, (number) => `工号 ${number} 不在本区域的教师名单中`);
  // Project codes are stored upper-case (p2026-01 is P2026-01); 工号 are compared exactly, as the roster keeps them.
  const findProject = lookup(context.projects, (p) => p.code, (code) => `本区域没有编号为 ${code} 的培训项目`, (code) => code.toUpperCase());
  const firstRowOf = new Map<string, number>();

  for (const line of lines) {
    const fields = new RowFields(line, errors);
    const teacher = fields.required("工号", findTeacher);
    const name = fields.required("姓名", text(50));
    const project = fields.required("项目编号", findProject);
    const hours = fields.optional("学时", amount);
    const leaveHours = fields.optional("请假学时", amount) ?? 0;
    const result = fields.required("考核结果", grade);
    const participation = fields.optional("角色", role) ?? "participant";
    const completedOn = fields.optional("完成日期", date);

    if (teacher && name !== undefined && !sameName(teacher.name, name)) {
      fields.reject("姓名", `花名册中工号 ${teacher.employeeNumber} 是「${teacher.name}」，本行是「${name}」；请检查是否错行`);
    }
    if (project && project.hours === null && (hours !== undefined || leaveHours > 0)) {
      fields.reject(hours !== undefined ? "学时" : "请假学时", `项目 ${project.code} 按固定学分登记，不填学时和请假学时`);
    }
    const scheduled = hours ?? (project?.hours ? Number(project.hours) : undefined);
    if (scheduled !== undefined && leaveHours > scheduled) {
      fields.reject("请假学时", `请假 ${leaveHours} 学时，多于${hours === undefined ? `项目 ${project?.code} 的` : ""}学时 ${scheduled}`);
    }
    if (teacher && project) {
      const key = `${project.id}:${teacher.id}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) fields.reject("工号", `工号 ${teacher.employeeNumber} 在项目 ${project.code} 中与第 ${first} 行重复`);
      else firstRowOf.set(key, line.row);
    }
    if (!fields.valid || !teacher || !project || result === undefined) continue;
    rows.push({
      row: line.row,
      teacher,
      project,
      result,
      role: participation,
      leaveHours,
      ...(hours !== undefined ? { hours } : {}),
      ...(completedOn !== undefined ? { date: completedOn } : {}),
    });
  }
  return { rows, errors };
}

/** A roster or project lookup by its code; `key` says which spellings count as the same code. */
function lookup<T>(
  items: readonly T[],
  codeOf: (item: T) => string,
  missing: (code: string) => string,
  key: (code: string) => string = (code) => code,
): CellParser<T> {
  const byCode = new Map(items.map((item) => [key(codeOf(item)), item]));
  return (cell) => {
    const typed = text(32)(cell);
    if (!typed.ok) return typed;
    const found = byCode.get(key(typed.value));
    return found === undefined ? { ok: false, message: missing(typed.value) } : { ok: true, value: found };
  };
}

import { checkGradeQuota } from "../../credits/grade-quota.js";
import type { Policy } from "../../credits/policy-schema.js";
import { RESULT_NAMES, type Result } from "../../credits/vocabulary.js";
import type { LedgerEntry, TrainingProject } from "../../generated/prisma/client.js";
import { effectiveEntries } from "../ledger.js";
import type { RowError } from "../spreadsheet/types.js";
import type { ResultRow } from "./result-rows.js";

export type LedgerCheck = { errors: RowError[]; record: number; unchanged: number };

/**
 * How a file's results meet what the ledger already holds for their projects, line by line: new, the same
 * as recorded (an earlier import of this file), or different, which is refused until the old entry is
 * reversed. Then the grade quota (B8) over everyone recorded plus the new lines. recordProjectResults
 * applies the same rules when writing; checking here first lists every refused line, not just the first.
 */
export function checkAgainstLedger(
  groups: ReadonlyMap<TrainingProject, ResultRow[]>,
  recorded: readonly LedgerEntry[],
  policy: Policy,
): LedgerCheck {
  const check: LedgerCheck = { errors: [], record: 0, unchanged: 0 };
  for (const [project, rows] of groups) {
    const existing = effectiveEntries(recorded.filter((entry) => entry.projectId === project.id));
    const byTeacher = new Map(existing.map((entry) => [entry.teacherId, entry]));
    const fresh: ResultRow[] = [];
    for (const row of rows) {
      const previous = byTeacher.get(row.teacher.id);
      const wanted = described({ result: row.result, role: row.role, hours: hoursOf(project, row), leaveHours: row.leaveHours });
      if (!previous) {
        fresh.push(row);
      } else if (described(storedAs(previous)) === wanted) {
        check.unchanged += 1;
      } else {
        check.errors.push({
          row: row.row,
          column: "考核结果",
          message: `工号 ${row.teacher.employeeNumber} 在项目 ${project.code} 已登记为「${described(storedAs(previous))}」，与本行「${wanted}」不同；如需更正，请先冲销原记录再导入`,
        });
      }
    }
    check.record += fresh.length;
    const graded = [
      ...existing.filter((entry) => entry.role === "participant").map((entry) => entry.result as Result),
      ...fresh.filter((row) => row.role === "participant").map((row) => row.result),
    ];
    const quota = checkGradeQuota(policy, graded);
    if (!quota.ok) check.errors.push({ row: null, column: "考核结果", message: `项目 ${project.code}：${quota.message}` });
  }
  return check;
}

type Outcome = { result: Result; role: "participant" | "lecturer"; hours: number | null; leaveHours: number };

function hoursOf(project: TrainingProject, row: ResultRow): number | null {
  return project.hours === null ? null : row.hours ?? Number(project.hours);
}

function storedAs(entry: LedgerEntry): Outcome {
  return {
    result: entry.result,
    role: entry.role,
    hours: entry.hours === null ? null : Number(entry.hours),
    leaveHours: Number(entry.leaveHours),
  };
}

/** "合格、参训、40 学时、请假 2 学时": what is compared, in the words the file uses. */
function described(outcome: Outcome): string {
  return [
    RESULT_NAMES[outcome.result],
    outcome.role === "lecturer" ? "主讲" : "参训",
    ...(outcome.hours === null ? [] : [`${outcome.hours} 学时`]),
    ...(outcome.leaveHours > 0 ? [`请假 ${outcome.leaveHours} 学时`] : []),
  ].join("、");
}

import { evaluate } from "../../credits/evaluate.js";
import type { Evaluation } from "../../credits/types.js";
import { CATEGORIES, CATEGORY_NAMES, UNIT_NAMES, type Unit } from "../../credits/vocabulary.js";
import type { Teacher } from "../../generated/prisma/client.js";
import { reportRowOf, type ReportRow } from "../report-row.js";
import type { SchoolReport } from "../school-report.js";

export type ReportLine = { teacher: Teacher; row: ReportRow };

export type ReportColumn = {
  header: string;
  /** In characters; a Chinese character counts as two. */
  width: number;
  kind: "text" | "amount" | "yes_no";
  value: (line: ReportLine) => string | number | boolean | null;
};

/**
 * The columns of a school's credit sheet: who, the cycle's totals, then each category, each floor and each
 * year of the cycle. The layout comes from the policy through an evaluation of no records, so a school
 * without teachers still gets every header, and from the teachers' own evaluations (a late hire's years).
 */
export function reportColumns(report: SchoolReport): ReportColumn[] {
  const layout = evaluate(report.policy, { asOf: report.asOf, teacher: { id: "layout" }, records: [] });
  const evaluations: Evaluation[] = [layout, ...report.teachers.map((entry) => entry.evaluation)];
  const unit = (value: Unit) => `（${UNIT_NAMES[value]}）`;
  const cycleUnit = unit(report.policy.unit);

  const categories = CATEGORIES.filter((key) => evaluations.some((e) => e.categories[key] !== undefined));
  const floors = report.policy.floors.filter((floor) => evaluations.some((e) => e.floors[floor.id] !== undefined));
  const years = new Map<number, { label: string; unit: Unit }>();
  for (const year of evaluations.flatMap((e) => e.years)) years.set(year.year, { label: year.label, unit: year.unit });

  const amount = (header: string, value: ReportColumn["value"]): ReportColumn => ({ header, width: 12, kind: "amount", value });
  const yesNo = (header: string, value: ReportColumn["value"]): ReportColumn => ({ header, width: 10, kind: "yes_no", value });
  return [
    { header: "工号", width: 12, kind: "text", value: (line) => line.teacher.employeeNumber },
    { header: "姓名", width: 10, kind: "text", value: (line) => line.teacher.name },
    amount(`已获得${cycleUnit}`, (line) => line.row.earned),
    amount(`应达到${cycleUnit}`, (line) => line.row.required),
    amount(`还差${cycleUnit}`, (line) => line.row.missing),
    yesNo("是否达标", (line) => line.row.met),
    ...categories.flatMap((key) => [
      amount(`${CATEGORY_NAMES[key]} 已获得${cycleUnit}`, (line) => line.row.categories[key]?.earned ?? null),
      amount(`${CATEGORY_NAMES[key]} 应达到${cycleUnit}`, (line) => line.row.categories[key]?.required ?? null),
    ]),
    ...floors.flatMap((floor) => [
      { ...amount(`${floor.label} 已获得${cycleUnit}`, (line) => line.row.floors[floor.id]?.earned ?? null), width: 20 },
      { ...amount(`${floor.label} 应达到${cycleUnit}`, (line) => line.row.floors[floor.id]?.required ?? null), width: 20 },
    ]),
    ...[...years.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([year, { label, unit: yearUnit }]) => {
        const of = (line: ReportLine) => line.row.years.find((tally) => tally.year === year);
        return [
          amount(`${label} 已获得${unit(yearUnit)}`, (line) => of(line)?.earned ?? null),
          amount(`${label} 应达到${unit(yearUnit)}`, (line) => of(line)?.required ?? null),
          // No annual minimum: nothing to meet, so the cell stays empty rather than claiming 是.
          yesNo(`${label} 达标`, (line) => {
            const tally = of(line);
            return tally && tally.required !== null ? tally.met : null;
          }),
        ];
      }),
  ];
}

export function reportLines(report: SchoolReport): ReportLine[] {
  return report.teachers.map(({ teacher, evaluation }) => ({ teacher, row: reportRowOf(evaluation) }));
}

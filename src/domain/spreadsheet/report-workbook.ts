import ExcelJS from "exceljs";
import { describePolicy } from "../../credits/describe-policy.js";
import { CATEGORY_NAMES, MODE_NAMES, UNIT_NAMES } from "../../credits/vocabulary.js";
import type { SchoolReport } from "../school-report.js";
import { reportColumns, reportLines } from "./report-columns.js";
import { safeCellText } from "./safe-cell.js";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The header row fill of every workbook we write. */
export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const NOT_MET_FONT: Partial<ExcelJS.Font> = { color: { argb: "FFC00000" } };

/**
 * A school's credit report as an .xlsx workbook: sheet 学分汇总 with one row per teacher, numbers stored as
 * numbers shown with two decimals, sheet 计算明细 with every record of the cycle as the engine explains it
 * (the same line the chat's 怎么算的 shows), and sheet 说明 saying whose rules, as of when and how numbers are
 * counted. Only plain features (frozen panes, widths, fonts, fills), which Excel and WPS both open cleanly.
 */
export async function schoolReportWorkbook(report: SchoolReport, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "继教学分助手";
  workbook.created = generatedAt;
  addSummarySheet(workbook, report);
  addRecordsSheet(workbook, report);
  addNotesSheet(workbook, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "S01-博乐市第一中学-学分汇总-2026-11-23.xlsx", without characters Windows forbids in file names. */
export function schoolWorkbookFileName(school: { code: string; name: string }, what: string, day: string): string {
  return `${school.code}-${school.name}-${what}-${day}.xlsx`.replace(/[\\/:*?"<>|]/g, "_");
}

export const schoolReportFileName = (report: SchoolReport) => schoolWorkbookFileName(report.school, "学分汇总", report.asOf);

function addSummarySheet(workbook: ExcelJS.Workbook, report: SchoolReport): void {
  const columns = reportColumns(report);
  const sheet = workbook.addWorksheet("学分汇总", { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));

  const header = sheet.getRow(1);
  header.height = 48;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });

  for (const line of reportLines(report)) {
    const row = sheet.addRow(columns.map((column) => shownValue(column.kind, column.value(line))));
    columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      if (column.kind === "amount") cell.numFmt = "0.00";
      if (column.kind === "yes_no") {
        cell.alignment = { horizontal: "center" };
        if (cell.value === "否") cell.font = NOT_MET_FONT;
      }
    });
  }
}

function addRecordsSheet(workbook: ExcelJS.Workbook, report: SchoolReport): void {
  const { policy } = report;
  const sheet = workbook.addWorksheet("计算明细", { views: [{ state: "frozen", xSplit: 2, ySplit: 1 }] });
  sheet.columns = [
    { header: "工号", width: 12 },
    { header: "姓名", width: 10 },
    { header: "日期", width: 12 },
    { header: "培训", width: 40 },
    { header: "形式", width: 10 },
    { header: "类别", width: 10 },
    { header: `计入（${UNIT_NAMES[policy.unit]}）`, width: 12 },
    { header: "怎么算的", width: 70 },
  ];
  sheet.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  for (const { teacher, evaluation } of report.teachers) {
    for (const line of evaluation.records) {
      if (line.status === "outside_cycle") continue;
      const row = sheet.addRow([
        safeCellText(teacher.employeeNumber),
        safeCellText(teacher.name),
        line.date,
        line.title === undefined ? null : safeCellText(line.title),
        policy.modeNames[line.mode] ?? MODE_NAMES[line.mode],
        line.category === undefined ? "未注明类别" : CATEGORY_NAMES[line.category],
        line.counted,
        line.explain,
      ]);
      row.getCell(7).numFmt = "0.00";
    }
  }
}

function shownValue(kind: "text" | "amount" | "yes_no", value: string | number | boolean | null): string | number | null {
  if (value === null) return null;
  if (kind === "yes_no") return value ? "是" : "否";
  if (typeof value === "boolean") return String(value);
  return typeof value === "string" ? safeCellText(value) : value;
}

function addNotesSheet(workbook: ExcelJS.Workbook, report: SchoolReport): void {
  const { policy } = report;
  const lines = reportLines(report);
  const annualUnit = policy.annual?.unit ?? policy.unit;
  const unitNote = annualUnit === policy.unit ? UNIT_NAMES[policy.unit] : `${UNIT_NAMES[policy.unit]}（每年的最低要求按${UNIT_NAMES[annualUnit]}计）`;
  const sheet = workbook.addWorksheet("说明");
  sheet.columns = [{ width: 14 }, { width: 100 }];
  // One sentence per row: Excel and WPS do not grow a row to fit wrapped text written by a program.
  const sections: [string, string[]][] = [
    ["地区", [report.region.name]],
    ["学校", [`${report.school.code} ${report.school.name}`]],
    ["规则", [policy.name]],
    ["计量单位", [unitNote]],
    ["统计截至", [report.asOf]],
    ["教师人数", [`${lines.length} 人，其中本周期已达标 ${lines.filter((line) => line.row.met).length} 人`]],
    [
      "数字怎么算",
      [
        "由学分引擎按上述规则计算，与聊天机器人和管理后台显示的一致。",
        "只计本周期内、截至统计日期已结束并经教育行政部门审核的培训；考核不合格的不计。",
        "请假学时先扣除，再按规则折算，并计入等次奖励和主讲加分（规则中有的话）。",
        "「还差」是周期总量的差额；「是否达标」要求周期总量、各类别和各专项的最低要求都已达到。",
        "周期中途入职的教师，「应达到」是按规则折算后的要求（见规则全文「周期中途入职」）。",
        "每条记录怎么算的见「计算明细」，与聊天中「怎么算的」的说法相同。",
        "每年的最低要求见各年的「达标」列，空白表示该年没有最低要求。",
      ],
    ],
    ["规则全文", describePolicy(policy).split("\n")],
  ];
  for (const [label, texts] of sections) {
    texts.forEach((text, index) => {
      const row = sheet.addRow([index === 0 ? label : null, safeCellText(text)]);
      row.getCell(1).font = { bold: true };
    });
  }
}

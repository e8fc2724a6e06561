import type { RowError } from "../spreadsheet/types.js";
import type { ImportReport, ResultImportSummary, TeacherImportSummary } from "./import-report.js";

/** Chinese sentences for an import's outcome, shared by the command line and the admin API. */

export function describeError(error: RowError): string {
  const place = error.row === null ? "" : `第 ${error.row} 行${error.column ? `「${error.column}」` : ""}：`;
  return `${place}${error.message}`;
}

function describeRejection(report: ImportReport<unknown>): string {
  return `文件「${report.file}」有 ${report.errors.length} 处问题，${report.dryRun ? "改正后才能导入" : "未导入任何数据"}。`;
}

export function describeTeacherImport(report: ImportReport<TeacherImportSummary>): string {
  if (!report.ok) return describeRejection(report);
  const { rows, create, update, unchanged, accounts } = report.summary;
  const will = report.applied ? "" : "将";
  const linked = accounts > 0 ? `，${will}关联聊天账号 ${accounts} 个` : "";
  return `${opening(report)}共 ${rows} 行，${will}新增 ${create} 人，${will}更新 ${update} 人，${unchanged} 人无变化${linked}。`;
}

export function describeResultImport(report: ImportReport<ResultImportSummary>): string {
  if (!report.ok) return describeRejection(report);
  const { rows, projects, record, unchanged } = report.summary;
  return `${opening(report)}共 ${rows} 行，涉及 ${projects} 个项目，${report.applied ? "" : "将"}新登记 ${record} 条，${unchanged} 条此前已登记过。`;
}

function opening(report: ImportReport<unknown>): string {
  return report.applied ? `已导入「${report.file}」：` : `「${report.file}」检查无误（试导入，未写入数据库）：`;
}

import ExcelJS from "exceljs";
import { DomainError } from "../errors.js";
import { MAX_DATA_ROWS } from "./limits.js";
import type { CellValue, RawRow } from "./types.js";

/**
 * Rows of the first visible worksheet of an .xlsx file. Rich text is joined, links give their text and
 * formulas their last computed result, as Excel displays them; dates arrive as Date values at midnight UTC.
 */
export async function readXlsxRows(content: Buffer): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw new DomainError("file_unreadable", "无法读取这个 Excel 文件，可能已损坏或不是 .xlsx 格式；请在 Excel 或 WPS 中另存为 .xlsx 后重试。", {
      field: "file",
    });
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.state === "visible");
  if (!sheet) throw new DomainError("file_empty", "这个 Excel 文件里没有可见的工作表。", { field: "file" });
  // Counting before reading keeps an oversized sheet from being walked cell by cell.
  if (sheet.actualRowCount > MAX_DATA_ROWS + 1) throw tooManyRows(sheet.actualRowCount - 1);

  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(plainValue(row.getCell(column).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

export function tooManyRows(count: number): DomainError {
  return new DomainError(
    "too_many_rows",
    `文件有 ${count.toLocaleString("en-US")} 行数据，超过一次导入的上限 ${MAX_DATA_ROWS.toLocaleString("en-US")} 行；请拆分成几个文件分别导入。`,
    { field: "file" },
  );
}

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("error" in value) return { error: value.error };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return value.result === undefined ? null : plainValue(value.result);
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : plainValue(value.text as ExcelJS.CellValue);
  return null;
}

import { DomainError } from "../errors.js";
import { normalizeHeader, type ColumnSpec } from "./headers.js";
import { MAX_FILE_BYTES } from "./limits.js";
import { readRawRows } from "./sheet-reader.js";
import type { CellValue, RawRow, RowError, UploadedFile } from "./types.js";

export type TableRow<Name extends string> = { row: number; values: Readonly<Partial<Record<Name, CellValue>>> };

export type Table<Name extends string> = {
  rows: TableRow<Name>[];
  /** Problems with the header row; when there are any, rows is empty. */
  errors: RowError[];
};

/**
 * An uploaded .xlsx or .csv as rows keyed by column name, header in row 1. Blank rows are skipped, so the
 * empty lines Excel often keeps at the end of a sheet do not count. The file is read off the event loop,
 * one upload at a time per process (sheet-reader.ts).
 */
export async function readTable<Name extends string>(file: UploadedFile, columns: readonly ColumnSpec<Name>[]): Promise<Table<Name>> {
  if (file.content.length > MAX_FILE_BYTES) {
    throw new DomainError("file_too_large", `文件有 ${(file.content.length / 1024 / 1024).toFixed(1)} MB，超过上限 10 MB；请拆分后分别导入。`, {
      field: "file",
    });
  }
  const [header, ...data] = await readRawRows(file);
  if (!header || header.row !== 1) {
    throw new DomainError("file_empty", "文件第 1 行应为表头（如 工号、姓名），但第 1 行是空的或文件没有内容。", { field: "file" });
  }

  const { positions, errors } = locateColumns(header, columns);
  if (errors.length > 0) return { rows: [], errors };
  const rows = data.map((line) => {
    const values: Partial<Record<Name, CellValue>> = {};
    for (const [name, position] of positions) values[name] = line.cells[position] ?? null;
    return { row: line.row, values };
  });
  return { rows, errors: [] };
}

function locateColumns<Name extends string>(header: RawRow, columns: readonly ColumnSpec<Name>[]) {
  const byHeader = new Map<string, Name>();
  for (const column of columns) {
    for (const text of [column.name, ...(column.aliases ?? [])]) byHeader.set(normalizeHeader(text), column.name);
  }
  const positions = new Map<Name, number>();
  const errors: RowError[] = [];
  header.cells.forEach((cell, position) => {
    if (typeof cell !== "string") return;
    const name = byHeader.get(normalizeHeader(cell));
    if (name === undefined) return;
    if (positions.has(name)) {
      errors.push({ row: 1, column: name, message: `表头中有两列都表示「${name}」，请删去一列` });
      return;
    }
    positions.set(name, position);
  });
  for (const column of columns) {
    if (column.required && !positions.has(column.name)) {
      errors.push({ row: 1, column: column.name, message: `缺少「${column.name}」列（表头应在第 1 行）` });
    }
  }
  return { positions, errors };
}

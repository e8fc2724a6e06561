/** A cell as imports see it: Excel's many shapes (rich text, formulas, links) reduced to a plain value. */
export type CellValue = string | number | boolean | Date | CellError | null;

/** A formula whose result is an Excel error (#N/A, #REF! …): reported, never taken as text. */
export type CellError = { error: string };

/** One line of an uploaded sheet, numbered as Excel shows it (the header is row 1). */
export type RawRow = { row: number; cells: CellValue[] };

/**
 * Something wrong in an upload, placed where the person will look for it in Excel: row and column header.
 * `row` is null for a problem with the whole file, `column` null for one with the whole row.
 */
export type RowError = { row: number | null; column: string | null; message: string };

export type UploadedFile = { name: string; content: Buffer };

/** Empty, or only spaces: what Excel users see as an empty cell. */
export function isBlank(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

import type { RowError } from "../spreadsheet/types.js";

/**
 * What an import found and did. A file with any error is not applied at all (`applied` false); a dry run
 * never applies. `summary` counts what the rows without errors do or would do.
 */
export type ImportReport<Summary> = {
  ok: boolean;
  dryRun: boolean;
  applied: boolean;
  file: string;
  summary: Summary;
  errors: RowError[];
};

/** `accounts`: platform accounts (the roster's account columns) the file makes its people's. */
export type TeacherImportSummary = { rows: number; create: number; update: number; unchanged: number; accounts: number };
export type ResultImportSummary = { rows: number; projects: number; record: number; unchanged: number };

export function importReport<Summary>(
  request: { file: string; dryRun: boolean; columns: readonly string[] },
  summary: Summary,
  errors: RowError[],
  applied: boolean,
): ImportReport<Summary> {
  // Whole-file problems first, then row by row, left to right as the columns stand in the template.
  const position = (error: RowError) => (error.column === null ? -1 : request.columns.indexOf(error.column));
  const sorted = [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || position(a) - position(b));
  return { ok: sorted.length === 0, dryRun: request.dryRun, applied, file: request.file, summary, errors: sorted };
}

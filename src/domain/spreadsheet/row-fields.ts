import type { CellParser } from "./cell-parsers.js";
import type { TableRow } from "./read-table.js";
import { isBlank, type CellValue, type RowError } from "./types.js";

/**
 * Reads one row's cells, adding a RowError for each bad one instead of stopping at the first, so a dry run
 * can list every problem of the file at once. `valid` tells whether the row had none.
 */
export class RowFields<Name extends string> {
  private problems = 0;

  constructor(
    private readonly line: TableRow<Name>,
    private readonly errors: RowError[],
  ) {}

  get row(): number {
    return this.line.row;
  }

  get valid(): boolean {
    return this.problems === 0;
  }

  required<T>(column: Name, parse: CellParser<T>): T | undefined {
    const cell = this.line.values[column] ?? null;
    if (cell === null || isBlank(cell)) {
      this.reject(column, "不能为空");
      return undefined;
    }
    return this.parsed(column, parse, cell);
  }

  /** undefined for a blank cell (and for a bad one, which is reported). */
  optional<T>(column: Name, parse: CellParser<T>): T | undefined {
    const cell = this.line.values[column] ?? null;
    return cell === null || isBlank(cell) ? undefined : this.parsed(column, parse, cell);
  }

  reject(column: Name | null, message: string): void {
    this.problems += 1;
    this.errors.push({ row: this.line.row, column, message });
  }

  private parsed<T>(column: Name, parse: CellParser<T>, cell: Exclude<CellValue, null>): T | undefined {
    const result = parse(cell);
    if (result.ok) return result.value;
    this.reject(column, result.message);
    return undefined;
  }
}

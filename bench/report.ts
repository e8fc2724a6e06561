/** One line of the benchmark table; every bench part returns some. */
export interface BenchRow {
  readonly part: string;
  readonly case: string;
  readonly items: number;
  readonly seconds: number;
  /** Items per second. */
  readonly rate: number;
  /** How many times slower than the part's bare baseline, when it has one. */
  readonly vsBaseline?: number;
  readonly note?: string;
}

function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ["part", "case", "items", "seconds", "items/s", "× bare loop", "note"];
  const body = rows.map((row) => [
    row.part,
    row.case,
    formatNumber(row.items),
    formatNumber(row.seconds, 3),
    formatNumber(row.rate),
    row.vsBaseline === undefined ? "" : formatNumber(row.vsBaseline, 1),
    row.note ?? "",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column >= 2 && column <= 5 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(" | ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("-|-"), ...body.map(line)].join("\n");
}

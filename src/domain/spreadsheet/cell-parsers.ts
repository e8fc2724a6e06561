import { fromDbDate, type DateOnly } from "../calendar.js";
import type { CellError, CellValue } from "./types.js";

/**
 * Turning one non-blank cell into a value, or into the reason it cannot be one. Messages name what was
 * expected and quote what was found, so a clerk can fix the cell without asking anyone.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
export type CellParser<T> = (cell: Exclude<CellValue, null>) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** The cell as Excel shows it, for quoting in messages. */
function shown(cell: CellValue): string {
  if (cell === null) return "";
  if (cell instanceof Date) return fromDbDate(cell);
  if (isCellError(cell)) return cell.error;
  return String(cell).trim();
}

const isCellError = (cell: CellValue): cell is CellError => typeof cell === "object" && cell !== null && !(cell instanceof Date);
const formulaError = (cell: CellError) => `公式的结果是错误值 ${cell.error}，请先修正公式`;

/** Text with full-width letters and digits folded (ＡＢ１２ → AB12) and outer spaces removed. */
export function text(maxLength: number): CellParser<string> {
  return (cell) => {
    if (isCellError(cell)) return fail(formulaError(cell));
    const value = shown(cell).normalize("NFKC");
    return value.length > maxLength ? fail(`不能超过 ${maxLength} 个字，实际有 ${value.length} 个`) : ok(value);
  };
}

/** One of a fixed list of words, ignoring spaces; `names` maps each word to its value. */
export function choice<T>(names: Readonly<Record<string, T>>): CellParser<T> {
  const words = Object.keys(names);
  const listed = words.length > 1 ? `${words.slice(0, -1).join("、")} 或 ${words.at(-1)}` : words.join("");
  return (cell) => {
    const word = shown(cell).normalize("NFKC").replace(/\s+/g, "");
    const value = names[word];
    return value === undefined ? fail(`应为 ${listed}，实际是「${shown(cell)}」`) : ok(value);
  };
}

/** Hours: a number from 0 to 10,000 with at most two decimals, typed as a number or as text. */
export const amount: CellParser<number> = (cell) => {
  if (isCellError(cell)) return fail(formulaError(cell));
  const typed = typeof cell === "string" ? cell.normalize("NFKC").trim() : "";
  const value = typeof cell === "number" ? cell : /^\d+(\.\d+)?$/.test(typed) ? Number(typed) : Number.NaN;
  if (!Number.isFinite(value)) return fail(`应为数字（如 24 或 1.5），实际是「${shown(cell)}」`);
  if (value < 0) return fail(`不能是负数，实际是 ${value}`);
  if (value > 10_000) return fail(`不能超过 10000，实际是 ${value}`);
  const hundredths = Math.round(value * 100);
  // Formulas leave float noise (23.999999999); anything further from two decimals is a real third decimal.
  if (Math.abs(value * 100 - hundredths) > 1e-6) return fail(`最多两位小数，实际是 ${value}`);
  return ok(hundredths / 100);
};

const TEXT_DATE_FORMATS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];
// Excel counts days from 1899-12-30 in the 1900 date system (its phantom 1900-02-29 included).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A calendar date from an Excel date cell, a day number Excel did not format as a date, or text such as
 * 2026-09-01, 2026/9/1, 2026.9.1, 2026年9月1日 or 20260901 (a time after the date is ignored).
 */
export const date: CellParser<DateOnly> = (cell) => {
  const expected = `应为日期（如 2026-09-01、2026/9/1 或 2026年9月1日），实际是「${shown(cell)}」`;
  if (cell instanceof Date) return plausible(fromDbDate(cell), cell);
  if (isCellError(cell)) return fail(formulaError(cell));
  if (typeof cell === "number") {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) return fromParts(String(cell).match(TEXT_DATE_FORMATS[2] as RegExp), cell);
    return cell > 0 && cell < 2_958_466 ? plausible(fromDbDate(new Date(EXCEL_EPOCH_MS + Math.floor(cell) * DAY_MS)), cell) : fail(expected);
  }
  if (typeof cell === "boolean") return fail(expected);
  const typed = cell.normalize("NFKC").trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, "");
  for (const format of TEXT_DATE_FORMATS) {
    const match = typed.match(format);
    if (match) return fromParts(match, cell);
  }
  return fail(expected);
};

function fromParts(match: RegExpMatchArray | null, cell: CellValue): Parsed<DateOnly> {
  const [, year = "", month = "", day = ""] = match ?? [];
  const value = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const real = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(real.getTime()) || fromDbDate(real) !== value) return fail(`没有这一天：「${shown(cell)}」`);
  return plausible(value, cell);
}

function plausible(value: DateOnly, cell: CellValue): Parsed<DateOnly> {
  const year = Number(value.slice(0, 4));
  return year >= 1950 && year <= 2100 ? ok(value) : fail(`日期「${shown(cell)}」不在 1950 至 2100 年之间，请检查`);
}

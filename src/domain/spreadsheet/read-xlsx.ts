import { DomainError } from "../errors.js";
import { MAX_CELL_CHARACTERS, MAX_DATA_ROWS, MAX_SHEET_TEXT_CHARACTERS } from "./limits.js";
import { isBlank, type CellValue, type RawRow } from "./types.js";
import { walkXml } from "./xml-walk.js";
import { unreadableFile, ZipArchive } from "./zip-archive.js";

/**
 * Rows of the first visible worksheet of an .xlsx file, without blank rows. Rich text is joined, links give
 * their text and formulas their last computed result, as Excel displays them; dates arrive as Date values
 * at midnight UTC. The sheet is read as it unpacks and reading stops at the row limit, so a sheet of
 * 200,000 rows costs no more than one of 20,001.
 */
export async function readXlsxRows(content: Buffer): Promise<RawRow[]> {
  const archive = ZipArchive.open(content);
  const book = await workbookOf(archive);
  const strings = book.sharedStrings ? await sharedStringsOf(archive, book.sharedStrings) : [];
  const dateStyles = book.styles ? await dateStylesOf(archive, book.styles) : new Set<number>();
  return sheetRows(archive, book.sheet, { strings, dateStyles, date1904: book.date1904 });
}

/** `count` is known for a file read to the end, not for a sheet whose reading stopped at the limit. */
const tooMuchText = (why: string) =>
  new DomainError("file_unsafe", `这个表格${why}，不像教师名单或结业名单，未导入。请检查后另存为 .xlsx 再导入。`, { field: "file" });

export function tooManyRows(count?: number): DomainError {
  const limit = `一次导入的上限 ${MAX_DATA_ROWS.toLocaleString("en-US")} 行`;
  const found = count === undefined ? `文件的数据超过${limit}` : `文件有 ${count.toLocaleString("en-US")} 行数据，超过${limit}`;
  return new DomainError("too_many_rows", `${found}；请拆分成几个文件分别导入。`, { field: "file" });
}

type Book = { sheet: string; date1904: boolean; sharedStrings?: string; styles?: string };
type Relationship = { type: string; target: string };

const OFFICE_DOCUMENT = "/officeDocument";
const WORKSHEET = "/worksheet";

async function workbookOf(archive: ZipArchive): Promise<Book> {
  const root = archive.has("_rels/.rels") ? await relationshipsOf(archive, "_rels/.rels", "") : new Map<string, Relationship>();
  const workbook = [...root.values()].find((relation) => relation.type.endsWith(OFFICE_DOCUMENT))?.target ?? "xl/workbook.xml";
  const folder = workbook.slice(0, workbook.lastIndexOf("/") + 1);
  const relationsPath = `${folder}_rels/${workbook.slice(folder.length)}.rels`;
  if (!archive.has(workbook) || !archive.has(relationsPath)) throw unreadableFile();
  const relations = await relationshipsOf(archive, relationsPath, folder);

  const sheets: { id: string; visible: boolean }[] = [];
  let date1904 = false;
  await walkXml(archive.chunks(workbook), {
    open(name, attributes) {
      if (name === "workbookPr") date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
      if (name === "sheet") sheets.push({ id: attributes.id ?? "", visible: (attributes.state ?? "visible") === "visible" });
    },
  });
  // Chart sheets are sheets too, but hold no cells.
  const sheet = sheets
    .filter((candidate) => candidate.visible)
    .map((candidate) => relations.get(candidate.id))
    .find((relation) => relation?.type.endsWith(WORKSHEET));
  if (!sheet) throw new DomainError("file_empty", "这个 Excel 文件里没有可见的工作表。", { field: "file" });
  if (!archive.has(sheet.target)) throw unreadableFile();
  const part = (type: string) => [...relations.values()].find((relation) => relation.type.endsWith(type) && archive.has(relation.target))?.target;
  const sharedStrings = part("/sharedStrings");
  const styles = part("/styles");
  return { sheet: sheet.target, date1904, ...(sharedStrings ? { sharedStrings } : {}), ...(styles ? { styles } : {}) };
}

/** A .rels part: relationship id → type and the target's path inside the archive. */
async function relationshipsOf(archive: ZipArchive, path: string, folder: string): Promise<Map<string, Relationship>> {
  const relations = new Map<string, Relationship>();
  await walkXml(archive.chunks(path), {
    open(name, attributes) {
      if (name !== "Relationship" || attributes.TargetMode === "External") return;
      relations.set(attributes.Id ?? "", { type: attributes.Type ?? "", target: resolvePath(folder, attributes.Target ?? "") });
    },
  });
  return relations;
}

function resolvePath(folder: string, target: string): string {
  const segments = (target.startsWith("/") ? target.slice(1) : folder + target).split("/");
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === "..") resolved.pop();
    else if (segment !== "." && segment !== "") resolved.push(segment);
  }
  return resolved.join("/");
}

/** Each shared string as Excel shows it: rich-text runs joined, phonetic guides (rPh) left out. */
async function sharedStringsOf(archive: ZipArchive, path: string): Promise<string[]> {
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  let inPhonetic = false;
  await walkXml(archive.chunks(path), {
    open(name) {
      if (name === "si") current = "";
      else if (name === "rPh") inPhonetic = true;
      else if (name === "t") inText = !inPhonetic;
    },
    text(text) {
      if (inText && current !== undefined) current += text;
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "si") {
        strings.push(current ?? "");
        current = undefined;
      }
    },
  });
  return strings;
}

/**
 * Excel's built-in date and time formats, including those a Chinese Excel or WPS saves (yyyy"年"m"月"d"日"
 * is 31 there); every other number format is named in styles.xml with its code.
 */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date or time when, outside quotes, brackets and escapes, it has y m d h s or b. */
function isDateFormatCode(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/"[^"]*"/g, "").replace(/\[[^\]]*]/g, "").replace(/\\./g, ""));
}

/** Indexes of the cell formats (the s attribute of a cell) that show numbers as dates. */
async function dateStylesOf(archive: ZipArchive, path: string): Promise<Set<number>> {
  const codes = new Map<number, string>();
  const formatOfStyle: number[] = [];
  let inCellFormats = false;
  await walkXml(archive.chunks(path), {
    open(name, attributes) {
      if (name === "numFmt") codes.set(Number(attributes.numFmtId), attributes.formatCode ?? "");
      else if (name === "cellXfs") inCellFormats = true;
      else if (name === "xf" && inCellFormats) formatOfStyle.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellFormats = false;
    },
  });
  const isDate = (format: number) => {
    const code = codes.get(format);
    return code === undefined ? BUILT_IN_DATE_FORMATS.has(format) : isDateFormatCode(code);
  };
  return new Set(formatOfStyle.flatMap((format, style) => (isDate(format) ? [style] : [])));
}

type SheetContext = { strings: readonly string[]; dateStyles: ReadonlySet<number>; date1904: boolean };
type OpenCell = { column: number; type: string; style: number; value?: string; inline: string };

const MAX_ROW_NUMBER = 1_048_576;
const MAX_COLUMN_NUMBER = 16_384;

/**
 * The rows of one worksheet, streamed. Only cells with a value are stored (a stray value in column XFD
 * costs one slot, not 16,384), and the walk stops as soon as there is one more row than may be imported.
 */
async function sheetRows(archive: ZipArchive, path: string, context: SheetContext): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  // Cells share the workbook's strings, but the rows are copied when they leave the reader thread: a few
  // kilobytes of cells pointing at one huge shared string would otherwise become gigabytes in the server.
  let textLeft = MAX_SHEET_TEXT_CHARACTERS;
  let row: RawRow | undefined;
  let cell: OpenCell | undefined;
  let previousRow = 0;
  let previousColumn = 0;
  let capturing: "value" | "inline" | undefined;
  let inPhonetic = false;

  await walkXml(archive.chunks(path), {
    open(name, attributes) {
      if (name === "row") {
        previousRow = attributes.r === undefined ? previousRow + 1 : rowNumberOf(attributes.r);
        previousColumn = 0;
        row = { row: previousRow, cells: [] };
      } else if (name === "c" && row) {
        previousColumn = attributes.r === undefined ? previousColumn + 1 : columnNumberOf(attributes.r);
        cell = { column: previousColumn, type: attributes.t ?? "n", style: Number(attributes.s ?? 0), inline: "" };
      } else if (name === "v" && cell) capturing = "value";
      else if (name === "rPh") inPhonetic = true;
      else if (name === "t" && cell && !inPhonetic) capturing = "inline";
    },
    text(text) {
      if (!cell || capturing === undefined) return;
      if (capturing === "value") cell.value = (cell.value ?? "") + text;
      else cell.inline += text;
    },
    close(name) {
      if (name === "v" || name === "t") capturing = undefined;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "c" && row && cell) {
        const value = cellValue(cell, context);
        if (typeof value === "string") {
          if (value.length > MAX_CELL_CHARACTERS) throw tooMuchText(`有单元格超过 ${MAX_CELL_CHARACTERS.toLocaleString("en-US")} 个字（Excel 的上限）`);
          textLeft -= value.length;
          if (textLeft < 0) throw tooMuchText(`文字总量超过 ${(MAX_SHEET_TEXT_CHARACTERS / 10_000).toLocaleString("en-US")} 万字`);
        }
        if (value !== null) row.cells[cell.column - 1] = value;
        cell = undefined;
      } else if (name === "row" && row) {
        if (row.cells.some((value) => !isBlank(value))) rows.push(row);
        // The header and MAX_DATA_ROWS data rows may follow; one more is enough to refuse.
        if (rows.length > MAX_DATA_ROWS + 1) throw tooManyRows();
        row = undefined;
      }
    },
  });
  return rows;
}

function rowNumberOf(reference: string): number {
  const number = Number(reference);
  if (!Number.isInteger(number) || number < 1 || number > MAX_ROW_NUMBER) throw unreadableFile();
  return number;
}

/** "C12" → 3. */
function columnNumberOf(reference: string): number {
  const letters = /^([A-Z]{1,3})\d*$/.exec(reference.toUpperCase())?.[1];
  if (letters === undefined) throw unreadableFile();
  let number = 0;
  for (const letter of letters) number = number * 26 + letter.charCodeAt(0) - 64;
  if (number > MAX_COLUMN_NUMBER) throw unreadableFile();
  return number;
}

// Excel counts days from 1899-12-30 (1900 system) or 1904-01-01; 25,569 days before 1970-01-01.
const UNIX_EPOCH_IN_EXCEL_DAYS = 25_569;
const DAYS_1900_TO_1904 = 1_462;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A cell as Excel shows it; a formula's cell holds its last result in the same places a value would be. */
function cellValue(cell: OpenCell, context: SheetContext): CellValue {
  if (cell.type === "inlineStr") return cell.inline;
  const value = cell.value;
  if (value === undefined) return null;
  switch (cell.type) {
    case "s":
      return context.strings[Number(value)] ?? null;
    case "str":
      return value;
    case "b":
      return Number(value) !== 0;
    case "e":
      return { error: value };
    case "d": {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date;
    }
    default: {
      const number = Number.parseFloat(value);
      if (Number.isNaN(number)) return null;
      if (!context.dateStyles.has(cell.style)) return number;
      return new Date(Math.round((number - UNIX_EPOCH_IN_EXCEL_DAYS + (context.date1904 ? DAYS_1900_TO_1904 : 0)) * DAY_MS));
    }
  }
}

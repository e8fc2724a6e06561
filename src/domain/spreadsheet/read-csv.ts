import { decodeCsvText } from "./text-encoding.js";
import type { RawRow } from "./types.js";

/**
 * Rows of a CSV file as RFC 4180 writes them (and Excel reads them): comma-separated, fields optionally in
 * double quotes, "" for a quote inside one, line breaks inside quotes kept, CRLF, LF or CR between rows.
 * Each record is one spreadsheet row, so row numbers match what Excel shows when it opens the file.
 */
export function readCsvRows(content: Buffer): RawRow[] {
  const text = decodeCsvText(content);
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  let index = 0;

  const endField = () => {
    cells.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push({ row: rows.length + 1, cells });
    cells = [];
  };

  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field.length === 0) quoted = true;
    else if (char === ",") endField();
    else if (char === "\r" || char === "\n") {
      endRow();
      if (char === "\r" && text[index + 1] === "\n") index += 1;
    } else field += char;
    index += 1;
  }
  if (field.length > 0 || cells.length > 0) endRow();
  return rows;
}

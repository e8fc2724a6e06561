import ExcelJS from "exceljs";

/** Builds upload files the way people's tools write them. */

export type SheetCell = ExcelJS.CellValue;

/** An .xlsx whose first sheet holds these rows, header first. */
export async function xlsxOf(rows: readonly (readonly SheetCell[])[], sheetName = "Sheet1"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV text as Excel writes it: fields quoted when needed, CRLF between rows. */
export function csvTextOf(rows: readonly (readonly string[])[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return rows.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

export function utf8WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

let gbkTable: Map<string, number[]> | undefined;

/**
 * GBK bytes, as Excel on a Chinese Windows saves "CSV (逗号分隔)". Node has no GBK encoder, so the table is
 * built by decoding every two-byte GBK sequence once.
 */
export function gb18030Of(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== "\ufffd" && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`no GBK encoding for ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** The first sheet of a workbook as plain values, header row first; empty cells are null. */
export async function sheetValues(content: Buffer, sheetName?: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) throw new Error(`no sheet ${sheetName ?? ""}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    const values: unknown[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) values.push(row.getCell(column).value ?? null);
    rows.push(values);
  });
  return rows;
}

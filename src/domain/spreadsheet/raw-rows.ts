import { DomainError } from "../errors.js";
import { MAX_DATA_ROWS } from "./limits.js";
import { readCsvRows } from "./read-csv.js";
import { readXlsxRows, tooManyRows } from "./read-xlsx.js";
import { isBlank, type RawRow, type UploadedFile } from "./types.js";

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * The non-blank rows of an uploaded .xlsx or .csv, at most the header and MAX_DATA_ROWS more. The format is
 * told by the bytes, not the name: a renamed file or a missing content type still reads.
 */
export async function rawRowsOf(file: UploadedFile): Promise<RawRow[]> {
  const startsWith = (signature: number[]) => signature.every((byte, index) => file.content[index] === byte);
  if (startsWith(ZIP_SIGNATURE)) return readXlsxRows(file.content);
  if (startsWith(OLE_SIGNATURE)) {
    throw new DomainError("old_excel_format", "这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。", { field: "file" });
  }
  if (/\.xlsx$/i.test(file.name)) {
    throw new DomainError("file_unreadable", "文件名是 .xlsx，但内容不是 Excel 文件；请在 Excel 或 WPS 中重新保存后再导入。", { field: "file" });
  }
  const rows = readCsvRows(file.content).filter((row) => row.cells.some((cell) => !isBlank(cell)));
  // A CSV is read whole anyway (10 MB at most), so its refusal can say how many rows it has.
  if (rows.length > MAX_DATA_ROWS + 1) throw tooManyRows(rows.length - 1);
  return rows;
}

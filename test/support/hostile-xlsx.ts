import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * .xlsx files built byte by byte, so a test can say exactly what an archive declares and holds: zip bombs,
 * lying headers, zip64 markers, overlapping parts, and very long but honest sheets. Nothing big is
 * committed or even compressed: a bomb's gigabytes are one compressed megabyte of spaces repeated.
 */

export type ZipPart = {
  name: string;
  /** The part's bytes as stored in the archive (deflated unless method is 0). */
  packed: Buffer;
  /** What the directory and local header claim the part unpacks to. */
  declaredSize: number;
  method?: 0 | 8;
  crc?: number;
  /** Point this part's directory entry at an earlier part's data instead of storing its own. */
  sharesDataWith?: string;
};

export const deflated = (name: string, content: string | Buffer): ZipPart => {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { name, packed: deflateRawSync(bytes), declaredSize: bytes.length, crc: crc32(bytes) };
};

/** A zip archive of these parts, written as Excel writes one: local headers, data, central directory. */
export function zipOf(parts: readonly ZipPart[], options: { zip64Markers?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(part.method ?? 8, 8);
    header.writeUInt32LE(part.crc ?? 0, 14);
    header.writeUInt32LE(part.packed.length, 18);
    header.writeUInt32LE(part.declaredSize, 22);
    header.writeUInt16LE(name.length, 26);
    const localHeader = part.sharesDataWith === undefined ? offset : (offsets.get(part.sharesDataWith) ?? 0);
    if (part.sharesDataWith === undefined) {
      offsets.set(part.name, offset);
      chunks.push(header, name, part.packed);
      offset += header.length + name.length + part.packed.length;
    }
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(part.method ?? 8, 10);
    entry.writeUInt32LE(part.crc ?? 0, 16);
    entry.writeUInt32LE(options.zip64Markers ? 0xffffffff : part.packed.length, 20);
    entry.writeUInt32LE(options.zip64Markers ? 0xffffffff : part.declaredSize, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(localHeader, 42);
    directory.push(entry, name);
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directoryBytes, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts every workbook has around its sheets: content types, relationships, workbook. */
export function workbookParts(sheetCount = 1, options: { sharedStrings?: boolean } = {}): ZipPart[] {
  const sheets = Array.from({ length: sheetCount }, (_, index) => index + 1);
  const overrides = sheets.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  const relations = sheets.map((n) => `<Relationship Id="rId${n}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
  if (options.sharedStrings) relations.push(`<Relationship Id="rIdStrings" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>`);
  return [
    deflated(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join("")}</Types>`,
    ),
    deflated(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflated(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>${sheets.map((n) => `<sheet name="Sheet${n}" sheetId="${n}" r:id="rId${n}"/>`).join("")}</sheets></workbook>`,
    ),
    deflated("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relations.join("")}</Relationships>`),
  ];
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>工号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><t>学校</t></is></c></row>`;
const SHEET_TAIL = "</sheetData></worksheet>";
const MEGABYTE = 1024 * 1024;

/**
 * A sheet whose XML is a header row followed by `megabytes` MB of spaces: 1,038 compressed bytes per MB,
 * the most deflate can squeeze. Its stream is cut into independent blocks, so the megabyte is compressed
 * once and repeated.
 */
function spacesSheet(megabytes: number): { packed: Buffer; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const head = deflateRawSync(Buffer.from(SHEET_HEAD, "utf8"), flush);
  const spaces = deflateRawSync(Buffer.alloc(MEGABYTE, 0x20), flush);
  const tail = deflateRawSync(Buffer.from(SHEET_TAIL, "utf8"));
  const packed = Buffer.concat([head, ...Array.from({ length: megabytes }, () => spaces), tail]);
  return { packed, size: Buffer.byteLength(SHEET_HEAD) + megabytes * MEGABYTE + Buffer.byteLength(SHEET_TAIL) };
}

/**
 * The bomb of issue 12: about 455 KB on disk, five sheets that each unpack to 440 MB from the same data,
 * 2.3 GB in all, every size declared honestly.
 */
export function zipBombXlsx(): Buffer {
  const { packed, size } = spacesSheet(440);
  const sheets = [1, 2, 3, 4, 5].map((n): ZipPart => ({
    name: `xl/worksheets/sheet${n}.xml`,
    packed,
    declaredSize: size,
    ...(n > 1 ? { sharesDataWith: "xl/worksheets/sheet1.xml" } : {}),
  }));
  return zipOf([...workbookParts(5), ...sheets]);
}

/** One sheet that unpacks to 440 MB but declares as many bytes as it stores: no ratio to see. */
export function lyingBombXlsx(): Buffer {
  const { packed } = spacesSheet(440);
  return zipOf([...workbookParts(), { name: "xl/worksheets/sheet1.xml", packed, declaredSize: packed.length }]);
}

/** A plain workbook with one sheet holding this XML between <sheetData> and </sheetData>. */
export function sheetXlsx(rowsXml: string, options: { zip64Markers?: boolean } = {}): Buffer {
  return zipOf([...workbookParts(), deflated("xl/worksheets/sheet1.xml", SHEET_HEAD + rowsXml + SHEET_TAIL)], options);
}

/**
 * An honest roster of `rows` teachers as Excel writes one: 工号 as text, names and schools as shared
 * strings. 200,000 rows make a 2 MB file that unpacks to about 22 MB.
 */
export function longRosterXlsx(rows: number): Buffer {
  const lines: string[] = [];
  for (let n = 2; n <= rows + 1; n++) {
    lines.push(`<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>T${String(n).padStart(6, "0")}</t></is></c><c r="B${n}" t="s"><v>${n % 2}</v></c><c r="C${n}" t="s"><v>2</v></c></row>`);
  }
  const strings = ["张丽", "王强", "S01"].map((text) => `<si><t>${text}</t></si>`).join("");
  return zipOf([
    ...workbookParts(1, { sharedStrings: true }),
    deflated("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="3" uniqueCount="3">${strings}</sst>`),
    deflated("xl/worksheets/sheet1.xml", SHEET_HEAD + lines.join("") + SHEET_TAIL),
  ]);
}

/**
 * A few kilobytes that would cost gigabytes once read: 150 rows × 10 cells all pointing at one shared
 * string of `characters` (333,000 of 张 is just under the megabyte where the compression ratio is checked).
 */
export function sharedStringAmplifierXlsx(characters: number): Buffer {
  const big = "张".repeat(characters);
  const cells = (n: number) => Array.from({ length: 10 }, (_, column) => `<c r="${String.fromCharCode(65 + column)}${n}" t="s"><v>0</v></c>`).join("");
  const rows = Array.from({ length: 150 }, (_, index) => `<row r="${index + 2}">${cells(index + 2)}</row>`).join("");
  return zipOf([
    ...workbookParts(1, { sharedStrings: true }),
    deflated("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>${big}</t></si></sst>`),
    deflated("xl/worksheets/sheet1.xml", SHEET_HEAD + rows + SHEET_TAIL),
  ]);
}

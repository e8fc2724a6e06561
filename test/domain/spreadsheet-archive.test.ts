import ExcelJS from "exceljs";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ColumnSpec } from "../../src/domain/spreadsheet/headers.js";
import { MAX_PART_RATIO, MAX_UNPACKED_BYTES } from "../../src/domain/spreadsheet/limits.js";
import { readTable } from "../../src/domain/spreadsheet/read-table.js";
import { deflated, longRosterXlsx, lyingBombXlsx, sharedStringAmplifierXlsx, sheetXlsx, workbookParts, zipBombXlsx, zipOf } from "../support/hostile-xlsx.js";
import { refusal } from "../support/refusal.js";
import { xlsxOf } from "../support/spreadsheets.js";

type Column = "工号" | "姓名" | "学校";
const columns: ColumnSpec<Column>[] = [{ name: "工号", required: true }, { name: "姓名", required: true }, { name: "学校" }];

/** How long the read took, how far the process's memory rose, and how late a 10 ms timer fired at worst. */
async function measured<T>(work: () => Promise<T>) {
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let lastTick = performance.now();
  let worstLag = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worstLag = Math.max(worstLag, now - lastTick - 10);
    lastTick = now;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  try {
    const outcome: { value?: T; error?: unknown } = await work().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    return { ...outcome, ms: performance.now() - started, rssRiseMb: (peakRss - rssBefore) / 1024 / 1024, worstLagMs: worstLag };
  } finally {
    clearInterval(ticker);
  }
}

/** The unpacked sizes an .xlsx declares, for checking real files against the limits. */
function declaredSizes(content: Buffer): { name: string; packed: number; unpacked: number }[] {
  const end = content.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const parts = [];
  let offset = content.readUInt32LE(end + 16);
  for (let index = 0; index < content.readUInt16LE(end + 10); index++) {
    const nameLength = content.readUInt16LE(offset + 28);
    parts.push({ name: content.toString("utf8", offset + 46, offset + 46 + nameLength), packed: content.readUInt32LE(offset + 20), unpacked: content.readUInt32LE(offset + 24) });
    offset += 46 + nameLength + content.readUInt16LE(offset + 30) + content.readUInt16LE(offset + 32);
  }
  return parts;
}

describe("spreadsheets cannot exhaust the server", () => {
  it("refuses the 455 KB zip bomb (2.2 GB declared) from its directory: quickly, in little memory, the event loop free", async () => {
    const bomb = zipBombXlsx();
    expect(bomb.length).toBeLessThan(500 * 1024);
    const result = await measured(() => readTable({ name: "炸弹.xlsx", content: bomb }, columns));
    expect(result.error).toMatchObject({ code: "file_unsafe", field: "file", message: expect.stringContaining("解压后有 2,200 MB（上限 100 MB）") });
    expect(result.ms).toBeLessThan(3_000);
    expect(result.rssRiseMb).toBeLessThan(150);
    expect(result.worstLagMs).toBeLessThan(200);
  });

  it("refuses cells that all point at one huge shared string before the copies reach the server (kilobytes → gigabytes)", async () => {
    for (const [characters, said] of [[333_000, "有单元格超过 32,767 个字"], [30_000, "文字总量超过 2,000 万字"]] as const) {
      const file = sharedStringAmplifierXlsx(characters);
      expect(file.length).toBeLessThan(20 * 1024);
      const result = await measured(() => readTable({ name: "放大.xlsx", content: file }, columns));
      expect(result.error).toMatchObject({ code: "file_unsafe", field: "file", message: expect.stringContaining(said) });
      expect(result.ms).toBeLessThan(3_000);
      expect(result.rssRiseMb).toBeLessThan(150);
    }
  });

  it("stops unpacking a part the moment it outgrows its declared size (a header that lies about a 440 MB sheet)", async () => {
    const result = await measured(() => readTable({ name: "x.xlsx", content: lyingBombXlsx() }, columns));
    expect(result.error).toMatchObject({ code: "file_unsafe", message: expect.stringContaining("解压后与声明的大小") });
    expect(result.ms).toBeLessThan(3_000);
    expect(result.rssRiseMb).toBeLessThan(150);
  });

  it("refuses a sheet of 200,000 rows at row 20,002 instead of reading them all", async () => {
    const content = longRosterXlsx(200_000);
    const result = await measured(() => readTable({ name: "全市.xlsx", content }, columns));
    expect(result.error).toMatchObject({ code: "too_many_rows", message: "文件的数据超过一次导入的上限 20,000 行；请拆分成几个文件分别导入。" });
    // Reading all 200,000 rows took 5.5 s on main; stopping at the limit takes well under 2 s even on a busy machine.
    expect(result.ms).toBeLessThan(2_500);
    expect(result.rssRiseMb).toBeLessThan(200);
    expect(result.worstLagMs).toBeLessThan(200);
  });

  it("refuses zip64 markers, a part compressed beyond 100:1, overlapping parts, too many parts and a DTD's entities", async () => {
    const messageOf = async (content: Buffer) => (await refusal(readTable({ name: "x.xlsx", content }, columns))).message;
    expect(await messageOf(sheetXlsx("", { zip64Markers: true }))).toContain("ZIP64");

    const repetitive = Buffer.from(`<row r="2"><c r="A2" t="inlineStr"><is><t>T1</t></is></c></row>${" ".repeat(4 * 1024 * 1024)}`);
    expect(await messageOf(sheetXlsx(repetitive.toString()))).toMatch(/压缩了 [\d,]+ 倍（正常的表格不超过 100 倍）/);

    const [sheet] = [deflated("xl/worksheets/sheet1.xml", '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')];
    const overlapping = zipOf([...workbookParts(2), sheet!, { ...sheet!, name: "xl/worksheets/sheet2.xml", sharesDataWith: "xl/worksheets/sheet1.xml" }]);
    expect(await messageOf(overlapping)).toContain("相互重叠");

    const crowded = zipOf([...workbookParts(), sheet!, ...Array.from({ length: 5_001 }, (_, n) => deflated(`xl/media/image${n}.png`, "x"))]);
    expect(await messageOf(crowded)).toContain("包含 5,006 个部件（上限 5,000 个）");

    const laughs = zipOf([
      ...workbookParts(),
      deflated("xl/worksheets/sheet1.xml", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`),
    ]);
    expect((await refusal(readTable({ name: "x.xlsx", content: laughs }, columns))).code).toBe("file_unreadable");
  });

  it("reads a real 20,000-row roster well inside the limits", async () => {
    const rows: ExcelJS.CellValue[][] = [["工号", "姓名", "学校", "入职日期", "角色", "状态", "企业微信账号"]];
    for (let n = 1; n <= 20_000; n++) {
      rows.push([`T${String(n).padStart(5, "0")}`, `教师${n}`, `S${String(n % 40).padStart(2, "0")}`, new Date(Date.UTC(2000 + (n % 25), n % 12, 1 + (n % 28))), n % 50 === 0 ? "学校管理员" : "教师", "在职", `wx${n}`]);
    }
    const content = await xlsxOf(rows);
    const parts = declaredSizes(content);
    const total = parts.reduce((sum, part) => sum + part.unpacked, 0);
    const worstRatio = Math.max(...parts.filter((part) => part.unpacked > 64 * 1024).map((part) => part.unpacked / part.packed));
    expect(total).toBeLessThan(MAX_UNPACKED_BYTES / 5);
    expect(worstRatio).toBeLessThan(MAX_PART_RATIO / 3);

    const table = await readTable({ name: "名单.xlsx", content }, columns);
    expect(table.rows).toHaveLength(20_000);
    expect(table.rows.at(-1)).toEqual({ row: 20_001, values: { 工号: "T20000", 姓名: "教师20000", 学校: "S00" } });
  });

  it("keeps what the parts mean: dates by their number format, booleans, inline and shared strings, the 1904 calendar", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("名单");
    sheet.addRow(["工号", "姓名", "学校"]);
    sheet.addRow(["T1", new Date(Date.UTC(2026, 8, 1)), true]);
    sheet.getCell("B2").numFmt = 'yyyy"年"m"月"d"日"';
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await readTable({ name: "x.xlsx", content }, columns)).rows).toEqual([{ row: 2, values: { 工号: "T1", 姓名: new Date("2026-09-01T00:00:00Z"), 学校: true } }]);

    workbook.properties.date1904 = true;
    const in1904 = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await readTable({ name: "x.xlsx", content: in1904 }, columns)).rows[0]?.values.姓名).toEqual(new Date("2026-09-01T00:00:00Z"));
  });

  it("reads uploads one at a time and turns away a sixth waiting upload with a clear message", async () => {
    const content = longRosterXlsx(5_000);
    const reads = Array.from({ length: 7 }, () => readTable({ name: "名单.xlsx", content }, columns).then(() => "read", (error: Error) => error.message));
    const outcomes = await Promise.all(reads);
    expect(outcomes.filter((outcome) => outcome === "read")).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome !== "read")).toEqual(Array(2).fill("服务器正在检查其他人上传的表格（已有 4 个在排队），请 1 分钟后再试。"));
  });
});

it("builds the bomb it claims to: the lying sheet unpacks to far more than it declares", () => {
  const bomb = lyingBombXlsx();
  const name = Buffer.from("xl/worksheets/sheet1.xml", "utf8");
  const header = bomb.indexOf(name) - 30;
  const packed = bomb.subarray(header + 30 + name.length, header + 30 + name.length + bomb.readUInt32LE(header + 18));
  expect(bomb.readUInt32LE(header + 22)).toBeLessThan(500 * 1024);
  expect(() => inflateRawSync(packed, { maxOutputLength: 64 * 1024 * 1024 })).toThrow(RangeError);
});

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { amount, date } from "../../src/domain/spreadsheet/cell-parsers.js";
import { DomainError } from "../../src/domain/errors.js";
import { normalizeHeader, type ColumnSpec } from "../../src/domain/spreadsheet/headers.js";
import { readCsvRows } from "../../src/domain/spreadsheet/read-csv.js";
import { readTable } from "../../src/domain/spreadsheet/read-table.js";
import { refusal } from "../support/refusal.js";
import { csvTextOf, gb18030Of, utf8WithBom, xlsxOf } from "../support/spreadsheets.js";

type Column = "工号" | "姓名" | "学时";
const columns: ColumnSpec<Column>[] = [
  { name: "工号", aliases: ["教师编号"], required: true },
  { name: "姓名", required: true },
  { name: "学时", aliases: ["培训学时"] },
];

const csv = (text: string) => ({ name: "名单.csv", content: Buffer.from(text, "utf8") });

describe("reading an uploaded sheet", () => {
  it("finds columns by name or alias, whatever spaces, widths or required marks the header has", async () => {
    expect(normalizeHeader(" 工 号＊ ")).toBe("工号");
    expect(normalizeHeader("姓名（必填）")).toBe("姓名");
    const table = await readTable(csv("备注,教师编号 ,　姓　名,培训学时*\r\nx,T0001,张丽,24\r\n"), columns);
    expect(table.errors).toEqual([]);
    expect(table.rows).toEqual([{ row: 2, values: { 工号: "T0001", 姓名: "张丽", 学时: "24" } }]);
  });

  it("names each missing required column and refuses two columns meaning the same", async () => {
    expect((await readTable(csv("姓名,学时\r\n张丽,1\r\n"), columns)).errors).toEqual([
      { row: 1, column: "工号", message: "缺少「工号」列（表头应在第 1 行）" },
    ]);
    const twice = await readTable(csv("工号,教师编号,姓名\r\nT1,T1,张丽\r\n"), columns);
    expect(twice.errors[0]).toMatchObject({ row: 1, column: "工号" });
  });

  it("keeps Excel's row numbers and skips blank rows, including the trailing ones Excel leaves", async () => {
    const table = await readTable(csv("工号,姓名\r\nT1,甲\r\n,\r\nT2,乙\r\n,\r\n\r\n"), columns);
    expect(table.rows.map((row) => [row.row, row.values.工号])).toEqual([[2, "T1"], [4, "T2"]]);
  });

  it("parses CSV quoting: commas, doubled quotes and line breaks inside fields; CRLF, LF or CR", () => {
    const rows = readCsvRows(Buffer.from('a,"b,1","say ""hi""","two\r\nlines"\nc,d\re,f', "utf8"));
    expect(rows).toEqual([
      { row: 1, cells: ["a", "b,1", 'say "hi"', "two\r\nlines"] },
      { row: 2, cells: ["c", "d"] },
      { row: 3, cells: ["e", "f"] },
    ]);
    expect(csvTextOf([["x,y"]])).toBe('"x,y"\r\n');
  });

  it("reads UTF-8 with a BOM and GBK/GB18030 from a Chinese Excel alike", async () => {
    const text = csvTextOf([["工号", "姓名"], ["T0005", "陈静"]]);
    for (const content of [utf8WithBom(text), gb18030Of(text), Buffer.from(text, "utf8")]) {
      const table = await readTable({ name: "名单.csv", content }, columns);
      expect(table.rows).toEqual([{ row: 2, values: { 工号: "T0005", 姓名: "陈静" } }]);
    }
  });

  it("reads .xlsx cells as Excel shows them: rich text, formula results, links, dates, numbers", async () => {
    const content = await xlsxOf([
      ["工号", "姓名", "学时"],
      [{ richText: [{ text: "T00" }, { text: "01", font: { bold: true } }] }, { text: "张丽", hyperlink: "https://example.cn" }, { formula: "20+4", result: 24 }],
      ["T0002", "王强", { formula: "1/0", result: { error: "#DIV/0!" } }],
    ]);
    const table = await readTable({ name: "x.xlsx", content }, columns);
    expect(table.rows).toEqual([
      { row: 2, values: { 工号: "T0001", 姓名: "张丽", 学时: 24 } },
      { row: 3, values: { 工号: "T0002", 姓名: "王强", 学时: { error: "#DIV/0!" } } },
    ]);
    expect(amount({ error: "#DIV/0!" })).toEqual({ ok: false, message: "公式的结果是错误值 #DIV/0!，请先修正公式" });
  });

  it("reads the first visible sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("旧表", { state: "hidden" }).addRow(["无关"]);
    const sheet = workbook.addWorksheet("名单");
    sheet.addRow(["工号", "姓名"]);
    sheet.addRow(["T1", "甲"]);
    const table = await readTable({ name: "x.xlsx", content: Buffer.from(await workbook.xlsx.writeBuffer()) }, columns);
    expect(table.rows).toHaveLength(1);
  });

  it("refuses what it cannot read with a message saying what to do", async () => {
    const old = await refusal(readTable({ name: "旧.xls", content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]) }, columns));
    expect(old.message).toContain("另存为 .xlsx");
    const fake = await refusal(readTable({ name: "假.xlsx", content: Buffer.from("工号,姓名\n") }, columns));
    expect(fake.code).toBe("file_unreadable");
    const broken = await refusal(readTable({ name: "坏.xlsx", content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }, columns));
    expect(broken.code).toBe("file_unreadable");
    expect((await refusal(readTable(csv(""), columns))).code).toBe("file_empty");
    expect((await refusal(readTable(csv("\r\n工号,姓名\r\n"), columns))).message).toContain("第 1 行应为表头");
  });

  it("limits a file to 10 MB and 20,000 data rows", async () => {
    const big = await refusal(readTable({ name: "大.csv", content: Buffer.alloc(10 * 1024 * 1024 + 1, 0x41) }, columns));
    expect(big).toBeInstanceOf(DomainError);
    expect(big.code).toBe("file_too_large");
    const lines = ["工号,姓名", ...Array.from({ length: 20_001 }, (_, index) => `T${index},某`)].join("\n");
    const many = await refusal(readTable(csv(lines), columns));
    expect(many.message).toBe("文件有 20,001 行数据，超过一次导入的上限 20,000 行；请拆分成几个文件分别导入。");
    const rows = [["工号", "姓名"], ...Array.from({ length: 20_001 }, (_, index) => [`T${index}`, "某"])];
    expect((await refusal(readTable({ name: "x.xlsx", content: await xlsxOf(rows) }, columns))).code).toBe("too_many_rows");
  });
});

describe("cell values", () => {
  it("reads dates typed as dates, as text in the usual Chinese formats, and as Excel day numbers", () => {
    for (const cell of [new Date("2026-09-01T00:00:00Z"), "2026-09-01", "2026/9/1", "2026.9.1", "2026年9月1日", "20260901", 20260901, 46266, "2026/9/1 0:00"]) {
      expect(date(cell)).toEqual({ ok: true, value: "2026-09-01" });
    }
    expect(date("2026-02-30")).toEqual({ ok: false, message: "没有这一天：「2026-02-30」" });
    expect(date("九月一日")).toMatchObject({ ok: false, message: expect.stringContaining("应为日期") });
    expect(date("1900-01-01")).toMatchObject({ ok: false, message: expect.stringContaining("1950 至 2100") });
  });

  it("reads hours with at most two decimals, from numbers or text", () => {
    expect(amount("２４")).toEqual({ ok: true, value: 24 });
    expect(amount(1.5)).toEqual({ ok: true, value: 1.5 });
    expect(amount(23.999999999999996)).toEqual({ ok: true, value: 24 });
    expect(amount("1.255")).toEqual({ ok: false, message: "最多两位小数，实际是 1.255" });
    expect(amount("二十")).toEqual({ ok: false, message: "应为数字（如 24 或 1.5），实际是「二十」" });
    expect(amount(-1)).toEqual({ ok: false, message: "不能是负数，实际是 -1" });
  });
});

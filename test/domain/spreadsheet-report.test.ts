import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { schoolReport } from "../../src/domain/school-report.js";
import { schoolReportFileName, schoolReportWorkbook } from "../../src/domain/spreadsheet/report-workbook.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";
import { fixtures } from "../support/fixtures.js";
import { sheetValues } from "../support/spreadsheets.js";

const now = new Date("2026-11-23T02:00:00Z");

describe.each(databaseKinds)("school report workbook on %s", (kind) => {
  let database: TestDatabase;
  let regionId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    regionId = (await loadDemoData(database.prisma, "2026-11-23"))!.regionId;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const reportOf = async (code: string) => {
    const school = await database.prisma.school.findFirstOrThrow({ where: { code } });
    return schoolReport(database.prisma, { scope: { kind: "region", regionId }, schoolId: school.id, now, asOf: "2026-11-23" });
  };
  const load = async (content: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
    return workbook;
  };

  it("has one row per teacher with the engine's numbers, stored as numbers shown with two decimals", async () => {
    const report = await reportOf("S01");
    const content = await schoolReportWorkbook(report, now);
    expect(schoolReportFileName(report)).toBe("S01-博乐市第一中学-学分汇总-2026-11-23.xlsx");

    const [header, ...rows] = await sheetValues(content, "学分汇总");
    expect(header?.slice(0, 6)).toEqual(["工号", "姓名", "已获得（学分）", "应达到（学分）", "还差（学分）", "是否达标"]);
    expect(header).toContain("必修课程 已获得（学分）");
    expect(header).toContain("必修中的信息技术与学科教学融合培训 已获得（学分）");
    expect(header).toContain("2026年 已获得（学时）");
    expect(header).toContain("2022年 达标");
    expect(rows.map((row) => row[0])).toEqual(["T0001", "T0002", "T0003", "T0004", "T0005"]);

    const column = (name: string) => header!.indexOf(name);
    const byNumber = (employeeNumber: string) => rows.find((row) => row[0] === employeeNumber)!;
    expect(byNumber("T0001").slice(0, 6)).toEqual(["T0001", "张丽", 103.5, 90, 0, "是"]);
    const chen = byNumber("T0005");
    expect(chen.slice(0, 6)).toEqual(["T0005", "陈静", 102.5, 90, 0, "否"]);
    expect(chen[column("必修中的信息技术与学科教学融合培训 已获得（学分）")]).toBe(0);
    expect(chen[column("必修中的信息技术与学科教学融合培训 应达到（学分）")]).toBe(10);
    const li = byNumber("T0003");
    expect([li[4], li[5], li[column("2025年 已获得（学时）")], li[column("2025年 应达到（学时）")], li[column("2025年 达标")]]).toEqual([28.5, "否", 0, 72, "否"]);

    const sheet = (await load(content)).getWorksheet("学分汇总")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 1 });
    expect(sheet.getCell("C2").numFmt).toBe("0.00");
    expect(sheet.getCell("C2").type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getColumn(1).width).toBeGreaterThan(8);
  });

  it("explains whose rules, which unit and as of when on a second sheet", async () => {
    const notes = await sheetValues(await schoolReportWorkbook(await reportOf("S01"), now), "说明");
    const value = (label: string) => notes.find((row) => row[0] === label)?.[1];
    expect(value("地区")).toBe("博州（示范）");
    expect(value("学校")).toBe("S01 博乐市第一中学");
    expect(value("规则")).toBe("博州中小学教师继续教育规划");
    expect(value("计量单位")).toBe("学分（每年的最低要求按学时计）");
    expect(value("统计截至")).toBe("2026-11-23");
    expect(value("教师人数")).toBe("5 人，其中本周期已达标 3 人");
    expect(value("数字怎么算")).toContain("学分引擎");
    expect(notes.some((row) => row[1] === "每条记录怎么算的见「计算明细」，与聊天中「怎么算的」的说法相同。")).toBe(true);
  });

  it("lists every record of the cycle on 计算明细 with date, training, mode, category and the engine's explanation", async () => {
    const [header, ...rows] = await sheetValues(await schoolReportWorkbook(await reportOf("S01"), now), "计算明细");
    expect(header).toEqual(["工号", "姓名", "日期", "培训", "形式", "类别", "计入（学分）", "怎么算的"]);
    // 李娜's 2023 training as the chat's 怎么算的 tells it (demo records are imports without a project title).
    expect(rows).toContainEqual(["T0003", "李娜", "2023-07-15", null, "集中培训", "必修课程", 10.5, "集中培训 40 学时 ÷ 4 = 10 学分，自治区级合格 +5% → 10.5 学分"]);
    expect(rows.filter((row) => row[0] === "T0003")).toHaveLength(12);
  });

  it("gives a school without teachers a valid workbook with just the headers", async () => {
    const empty = await fixtures(database.prisma).school(regionId, { code: "S09", name: "新建学校" });
    const report = await schoolReport(database.prisma, { scope: { kind: "region", regionId }, schoolId: empty.id, now });
    const values = await sheetValues(await schoolReportWorkbook(report, now), "学分汇总");
    expect(values).toHaveLength(1);
    expect(values[0]).toContain("2026年 达标");
  });

  it("writes names that look like formulas as text with a leading apostrophe, so Excel and WPS never run them", async () => {
    const school = await database.prisma.school.findFirstOrThrow({ where: { code: "S01" } });
    const names = ['=HYPERLINK("http://x","y")', "+1+2", "-3", "@SUM(A1)", "\t=1+1", "\r=1"];
    for (const [index, name] of names.entries()) {
      await database.prisma.teacher.create({ data: { regionId, schoolId: school.id, employeeNumber: `F${index}`, name } });
    }
    const [, ...rows] = await sheetValues(await schoolReportWorkbook(await reportOf("S01"), now), "学分汇总");
    const exported = names.map((_, index) => rows.find((row) => row[0] === `F${index}`)?.[1]);
    // XML turns a stored carriage return into a line feed on reading; the apostrophe is what matters.
    expect(exported).toEqual(names.map((name) => `'${name}`.replace("\r", "\n")));
    expect(exported.filter((name) => typeof name !== "string" || /^[=+\-@\t\r]/.test(name))).toEqual([]);
    expect(rows.find((row) => row[0] === "T0001")?.[1]).toBe("张丽");
  });
});

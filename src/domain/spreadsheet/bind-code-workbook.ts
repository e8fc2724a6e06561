import ExcelJS from "exceljs";
import type { School } from "../../generated/prisma/client.js";
import type { IssuedCode } from "../bulk-bind-codes.js";
import { HEADER_FILL, schoolWorkbookFileName } from "./report-workbook.js";
import { safeCellText } from "./safe-cell.js";


/**
 * A school's fresh bind codes as an .xlsx to print and cut into slips: 工号, 姓名, 验证码 (text, so leading
 * zeros stay), 有效期至 and the exact message to send. Plain features only, like the credit report.
 */
export async function bindCodeWorkbook(codes: readonly IssuedCode[], timezone: string, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "继教学分助手";
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet("验证码", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "工号", width: 12 },
    { header: "姓名", width: 12 },
    { header: "验证码", width: 10 },
    { header: "有效期至", width: 18 },
    { header: "如何绑定", width: 60 },
  ];
  sheet.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  for (const issued of codes) {
    const row = sheet.addRow([
      issued.employeeNumber,
      safeCellText(issued.name),
      issued.code,
      localTime(issued.expiresAt, timezone),
      `私聊机器人发送（验证码别发在群里）：绑定 工号 ${issued.employeeNumber} 验证码 ${issued.code}`,
    ]);
    row.getCell(3).numFmt = "@";
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "S01-博乐市第一中学-绑定验证码-2026-11-23.xlsx". */
export const bindCodeFileName = (school: School, day: string) => schoolWorkbookFileName(school, "绑定验证码", day);

/** "2026-11-24 10:00" in the region's zone. */
function localTime(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(instant);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

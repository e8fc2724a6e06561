import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { isDateOnly } from "../credits/index.js";
import type { Actor } from "../domain/actors.js";
import { issueAdminToken, MAX_TOKEN_DAYS } from "../domain/admin-tokens.js";
import { checkEmployeeNumber } from "../domain/employee-number.js";
import { DomainError } from "../domain/errors.js";
import { sealGroupCredentials } from "../domain/group-credentials.js";
import { describeError, describeResultImport, describeTeacherImport } from "../domain/imports/describe-import.js";
import type { ImportReport } from "../domain/imports/import-report.js";
import { importTeachers } from "../domain/imports/teachers.js";
import { importTrainingResults } from "../domain/imports/training-results.js";
import { schoolReport } from "../domain/school-report.js";
import { schoolReportWorkbook } from "../domain/spreadsheet/report-workbook.js";
import { nameProblem } from "../domain/text-safety.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { secretBoxFor } from "../secret-box.js";
import { openConfiguredDatabase } from "./open-configured-database.js";

/**
 * Imports, exports and the first API token, for a region's operator at the server. The command line acts
 * for the whole region; its writes are audited as "cli". Uses the database the service is configured with.
 * Exit codes: 0 done, 1 refused (each problem on stderr, in Chinese), 2 usage.
 */

const USAGE = `用法:
  npm run -s admin -- import-teachers <名单.xlsx|.csv> --region <区域代码> [--dry-run]
  npm run -s admin -- import-results <结业名单.xlsx|.csv> --region <区域代码> [--dry-run]
  npm run -s admin -- export-report --region <区域代码> --school <学校代码> [--as-of YYYY-MM-DD] --out <文件.xlsx>
  npm run -s admin -- create-token --region <区域代码> --employee <工号> --label <用途> [--days <1–365>]
  npm run -s admin -- seal-secrets --region <区域代码>`;

class UsageError extends Error {}

type Command =
  | { name: "import-teachers" | "import-results"; file: string; region: string; dryRun: boolean }
  | { name: "export-report"; region: string; school: string; asOf?: string; out: string }
  | { name: "create-token"; region: string; employee: string; label: string; days?: number }
  | { name: "seal-secrets"; region: string };

function commandOf(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        region: { type: "string" },
        school: { type: "string" },
        "as-of": { type: "string" },
        out: { type: "string" },
        employee: { type: "string" },
        label: { type: "string" },
        days: { type: "string" },
        "dry-run": { type: "boolean", default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  const required = (option: keyof typeof values): string => {
    const value = values[option];
    if (typeof value !== "string" || value.trim() === "") throw new UsageError(`缺少 --${option}`);
    return value.trim();
  };
  const noMore = (allowed: number) => {
    if (rest.length > allowed) throw new UsageError(`多余的参数：${rest.slice(allowed).join(" ")}`);
  };
  switch (name) {
    case "import-teachers":
    case "import-results": {
      noMore(1);
      const [file] = rest;
      if (!file) throw new UsageError("缺少要导入的文件");
      return { name, file, region: required("region"), dryRun: values["dry-run"] === true };
    }
    case "export-report": {
      noMore(0);
      const asOf = values["as-of"];
      if (asOf !== undefined && !isDateOnly(asOf)) throw new UsageError(`--as-of 应为 YYYY-MM-DD 格式的日期，实际是 ${asOf}`);
      return { name, region: required("region"), school: required("school"), out: required("out"), ...(asOf ? { asOf } : {}) };
    }
    case "create-token": {
      noMore(0);
      const employee = checkEmployeeNumber(required("employee"));
      if (!employee.ok) throw new UsageError(`--employee：${employee.message}`);
      const label = required("label");
      const labelProblem = nameProblem(label);
      if (labelProblem) throw new UsageError(`--label ${labelProblem}`);
      const days = values.days === undefined ? undefined : Number(values.days);
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_TOKEN_DAYS)) throw new UsageError(`--days 应为 1–${MAX_TOKEN_DAYS} 的整数，实际是 ${values.days}`);
      return { name, region: required("region"), employee: employee.value, label, ...(days ? { days } : {}) };
    }
    case "seal-secrets":
      noMore(0);
      return { name, region: required("region") };
    case undefined:
      throw new UsageError("缺少命令");
    default:
      throw new UsageError(`不认识的命令：${name}`);
  }
}

/** The command line stands for the region as a whole, the way a region admin would. */
async function regionActor(prisma: PrismaClient, code: string): Promise<Actor> {
  const region = await prisma.region.findUnique({ where: { code } });
  if (!region) throw new DomainError("region_not_found", `找不到代码为 ${code} 的区域。`, { kind: "not_found" });
  return {
    teacherId: "cli",
    employeeNumber: "cli",
    name: "命令行",
    regionId: region.id,
    schoolId: null,
    roles: ["region_admin"],
    scope: { kind: "region", regionId: region.id },
  };
}

async function uploaded(file: string) {
  try {
    return { name: path.basename(file), content: await readFile(file) };
  } catch (error) {
    throw new DomainError("file_unreadable", `读不到文件 ${file}（${(error as NodeJS.ErrnoException).code ?? "未知错误"}）。`);
  }
}

/** Prints the outcome; true when the file was clean. */
function printImport(report: ImportReport<unknown>, summary: string): boolean {
  if (report.ok) {
    console.log(summary);
    return true;
  }
  console.error(summary);
  for (const error of report.errors) console.error(`  ${describeError(error)}`);
  return false;
}

async function run(prisma: PrismaClient, config: Config, command: Command): Promise<boolean> {
  const actor = await regionActor(prisma, command.region);
  switch (command.name) {
    case "import-teachers": {
      const report = await importTeachers(prisma, { actor, file: await uploaded(command.file), dryRun: command.dryRun, secrets: secretBoxFor(config) });
      return printImport(report, describeTeacherImport(report));
    }
    case "import-results": {
      const report = await importTrainingResults(prisma, { actor, file: await uploaded(command.file), dryRun: command.dryRun });
      return printImport(report, describeResultImport(report));
    }
    case "export-report": {
      const school = await prisma.school.findUnique({ where: { regionId_code: { regionId: actor.regionId, code: command.school } } });
      if (!school) throw new DomainError("school_not_found", `区域 ${command.region} 中没有代码为 ${command.school} 的学校。`, { kind: "not_found" });
      const now = new Date();
      const report = await schoolReport(prisma, { scope: actor.scope, schoolId: school.id, now, ...(command.asOf ? { asOf: command.asOf } : {}) });
      await writeFile(command.out, await schoolReportWorkbook(report, now));
      console.log(`已导出 ${school.code} ${school.name} 的学分汇总（截至 ${report.asOf}，${report.teachers.length} 位教师）：${command.out}`);
      return true;
    }
    case "create-token": {
      const person = await prisma.teacher.findUnique({
        where: { regionId_employeeNumber: { regionId: actor.regionId, employeeNumber: command.employee } },
      });
      if (!person) throw new DomainError("teacher_not_found", `区域 ${command.region} 中没有工号为 ${command.employee} 的人员。`, { kind: "not_found" });
      const issued = await issueAdminToken(prisma, { teacherId: person.id, label: command.label, createdBy: actor.employeeNumber, expiresInDays: command.days });
      // The token alone on stdout, so it can be piped into a secret store; the advice goes to stderr.
      console.error(
        `已为 ${person.employeeNumber} ${person.name} 创建令牌「${command.label}」，${issued.expiresAt.toISOString().slice(0, 10)} 到期。令牌只显示这一次，请妥善保存：`,
      );
      console.log(issued.token);
      return true;
    }
    case "seal-secrets": {
      const sealed = await sealGroupCredentials(prisma, secretBoxFor(config), actor);
      console.log(sealed === 0 ? "所有群的机器人凭据都已用当前密钥加密，无需处理。" : `已用当前密钥加密 ${sealed} 个群的机器人凭据。`);
      return true;
    }
  }
}

let command: Command;
try {
  command = commandOf(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`admin: ${error.message}\n${USAGE}`);
  process.exit(2);
}

const { config, database } = await openConfiguredDatabase();
try {
  await database.migrate();
  process.exitCode = (await run(database.prisma, config, command)) ? 0 : 1;
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}

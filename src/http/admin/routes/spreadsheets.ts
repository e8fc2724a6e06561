import Router from "@koa/router";
import type { Context } from "koa";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { DomainError } from "../../../domain/errors.js";
import { describeResultImport, describeTeacherImport } from "../../../domain/imports/describe-import.js";
import type { ImportReport } from "../../../domain/imports/import-report.js";
import { importTeachers } from "../../../domain/imports/teachers.js";
import { importTrainingResults } from "../../../domain/imports/training-results.js";
import { schoolReport } from "../../../domain/school-report.js";
import { MAX_FILE_BYTES } from "../../../domain/spreadsheet/limits.js";
import { schoolReportFileName, schoolReportWorkbook, XLSX_CONTENT_TYPE } from "../../../domain/spreadsheet/report-workbook.js";
import type { UploadedFile } from "../../../domain/spreadsheet/types.js";
import { readBody } from "../../read-body.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { dateOnly, queryFlag, queryOf } from "../validation.js";

const importQuery = z.object({
  dryRun: queryFlag,
  /** Shown in messages, the audit log and each ledger entry's source; the format is told from the bytes. */
  filename: z.string().trim().min(1).max(200).default("上传的文件"),
});
const reportQuery = z.object({ asOf: dateOnly.optional() });

/**
 * Excel in and out: roster and results imports take the file as the raw request body (no multipart), and
 * a school's report comes back as a workbook.
 */
export function spreadsheetRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.post("/imports/teachers", async (ctx) => {
    const actor = actorIn(ctx);
    // Refused before the upload is read, so a teacher's token cannot make the server read 10 MB.
    requireRole(actor, "region_admin", "school_admin");
    const { dryRun, file } = await uploadOf(ctx);
    const report = await importTeachers(prisma, { actor, file, dryRun, secrets: deps.secrets });
    answer(ctx, report, describeTeacherImport(report));
  });

  router.post("/imports/results", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin");
    const { dryRun, file } = await uploadOf(ctx);
    const report = await importTrainingResults(prisma, { actor, file, dryRun });
    answer(ctx, report, describeResultImport(report));
  });

  router.get("/schools/:id/report.xlsx", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const { asOf } = queryOf(ctx, reportQuery);
    const report = await schoolReport(prisma, { scope: actor.scope, schoolId: ctx.params.id as string, now: deps.now(), ...(asOf ? { asOf } : {}) });
    const body = await schoolReportWorkbook(report, deps.now());
    ctx.set("Content-Type", XLSX_CONTENT_TYPE);
    ctx.set("Content-Disposition", attachment(schoolReportFileName(report), `${report.school.code}-report-${report.asOf}.xlsx`));
    ctx.body = body;
  });

  return router;
}

/** The uploaded file (raw body, ≤ 10 MB) with the dryRun and filename query parameters. */
export async function uploadOf(ctx: Context): Promise<{ dryRun: boolean; file: UploadedFile }> {
  const { dryRun, filename } = queryOf(ctx, importQuery);
  if (Number(ctx.get("content-length") || 0) > MAX_FILE_BYTES) {
    throw new DomainError("file_too_large", "文件超过 10 MB 上限，请拆分成几个文件分别导入。", { field: "file" });
  }
  return { dryRun, file: { name: filename, content: await readBody(ctx, MAX_FILE_BYTES) } };
}

/** A file with problems is 422 on a real run (nothing was applied); a dry run answers 200 either way. */
function answer(ctx: Context, report: ImportReport<unknown>, message: string): void {
  if (!report.ok && !report.dryRun) {
    ctx.status = 422;
    ctx.body = { error: "import_rejected", field: "file", message, ...report };
    return;
  }
  ctx.body = { message, ...report };
}

/** Content-Disposition with the Chinese name per RFC 6266/5987 and an ASCII one for old clients. */
export function attachment(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

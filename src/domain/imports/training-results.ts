import type { PrismaClient, TrainingProject } from "../../generated/prisma/client.js";
import { requireRole, type Actor } from "../actors.js";
import { audit } from "../audit.js";
import { DomainError } from "../errors.js";
import { policyOfRegion } from "../policies.js";
import { recordProjectResults } from "../project-results.js";
import { readTable } from "../spreadsheet/read-table.js";
import type { RowError, UploadedFile } from "../spreadsheet/types.js";
import { importReport, type ImportReport, type ResultImportSummary } from "./import-report.js";
import { checkAgainstLedger } from "./ledger-check.js";
import { parseResultRows, RESULT_COLUMNS, type ResultRow } from "./result-rows.js";

/** Rolls the import's transaction back, carrying why. */
class Refused extends Error {
  constructor(readonly errors: RowError[]) {
    super("import refused");
  }
}

/**
 * Imports training results (结业名单) for any number of projects in one transaction: every line is
 * recorded, or none. Each project's lines go through recordProjectResults, so re-importing a file records
 * nothing twice, a different result for an already recorded teacher is refused, and the grade quota holds.
 */
export async function importTrainingResults(
  prisma: PrismaClient,
  request: { actor: Actor; file: UploadedFile; dryRun: boolean },
): Promise<ImportReport<ResultImportSummary>> {
  const { actor, file } = request;
  requireRole(actor, "region_admin");
  const reportOf = (summary: ResultImportSummary, errors: RowError[], applied: boolean) =>
    importReport({ file: file.name, dryRun: request.dryRun, columns: RESULT_COLUMNS.map((column) => column.name) }, summary, errors, applied);

  const table = await readTable(file, RESULT_COLUMNS);
  if (table.errors.length > 0) return reportOf({ rows: table.rows.length, projects: 0, record: 0, unchanged: 0 }, table.errors, false);

  const [region, teachers, projects] = await Promise.all([
    prisma.region.findUniqueOrThrow({ where: { id: actor.regionId } }),
    prisma.teacher.findMany({ where: { regionId: actor.regionId } }),
    prisma.trainingProject.findMany({ where: { regionId: actor.regionId } }),
  ]);
  const parsed = parseResultRows(table.rows, { teachers, projects });
  const groups = byProject(parsed.rows);
  const recorded = await prisma.ledgerEntry.findMany({ where: { projectId: { in: [...groups.keys()].map((project) => project.id) } } });
  const check = checkAgainstLedger(groups, recorded, policyOfRegion(region));
  const errors = [...parsed.errors, ...check.errors];
  const summary = { rows: table.rows.length, projects: groups.size, record: check.record, unchanged: check.unchanged };
  if (errors.length > 0 || request.dryRun) return reportOf(summary, errors, false);

  try {
    await prisma.$transaction(
      async (tx) => {
        // A second import of the same projects waits here, then sees the first one's results: two imports
        // cannot both pass the quota, or record different results for one teacher.
        for (const id of [...groups.keys()].map((project) => project.id).sort()) {
          await tx.$executeRaw`SELECT 1 FROM "TrainingProject" WHERE id = ${id} FOR UPDATE`;
        }
        const refusals: RowError[] = [];
        for (const [project, rows] of groups) {
          try {
            await recordProjectResults(tx, {
              projectId: project.id,
              source: "import",
              actor: actor.employeeNumber,
              results: rows.map((row) => ({
                teacherId: row.teacher.id,
                result: row.result,
                role: row.role,
                leaveHours: row.leaveHours,
                sourceRef: `${file.name}#${row.row}`,
                ...(row.hours !== undefined ? { hours: row.hours } : {}),
                ...(row.date !== undefined ? { date: row.date } : {}),
              })),
            });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            refusals.push(refusalOf(error, project, rows));
          }
        }
        if (refusals.length > 0) throw new Refused(refusals);
        await audit(tx, actor, "import", "ledger", null, { file: file.name, ...summary, projectCodes: [...groups.keys()].map((p) => p.code) });
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof Refused) return reportOf(summary, error.errors, false);
    throw error;
  }
  return reportOf(summary, [], true);
}

function byProject(rows: ResultRow[]): Map<TrainingProject, ResultRow[]> {
  const groups = new Map<TrainingProject, ResultRow[]>();
  for (const row of rows) {
    const group = groups.get(row.project);
    if (group) group.push(row);
    else groups.set(row.project, [row]);
  }
  return groups;
}

/**
 * A refusal the ledger raised while writing, although the check before found none: another import or
 * correction got in between. Its "results[i]" field points at the line.
 */
function refusalOf(error: DomainError, project: TrainingProject, rows: ResultRow[]): RowError {
  const index = /^results\[(\d+)\]/.exec(error.field ?? "")?.[1];
  const line = index === undefined ? undefined : rows[Number(index)];
  const who = line ? `工号 ${line.teacher.employeeNumber}，` : "";
  return { row: line?.row ?? null, column: "考核结果", message: `${who}项目 ${project.code}：${error.message.replace(/^第 \d+ 条：/, "")}` };
}

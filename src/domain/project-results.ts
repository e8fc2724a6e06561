import { checkGradeQuota, RESULT_NAMES, type Result } from "../credits/index.js";
import type { LedgerEntry, Prisma, PrismaClient, TrainingProject } from "../generated/prisma/client.js";
import { fromDbDate, toDbDate, type DateOnly } from "./calendar.js";
import { DomainError } from "./errors.js";
import { effectiveEntries } from "./ledger.js";
import { policyOfRegion } from "./policies.js";

export type ProjectResult = {
  teacherId: string;
  result: Result;
  role?: "participant" | "lecturer";
  leaveHours?: number;
  /** Defaults to the project's hours (or fixed credits). */
  hours?: number;
  /** The day it counts on; defaults to the project's last day. */
  date?: DateOnly;
  /** Where this result came from, e.g. "2026年结业名单.xlsx#12". */
  sourceRef?: string;
};

export type RecordedResults = { created: LedgerEntry[]; unchanged: LedgerEntry[] };

/**
 * One result per teacher and project: the key that makes re-imports and retries record nothing twice.
 * Each reversal of an earlier result opens the next key, so a corrected result can be recorded.
 */
export const resultKey = (projectId: string, teacherId: string, reversalsSoFar: number) =>
  `result:${projectId}:${teacherId}${reversalsSoFar > 0 ? `:${reversalsSoFar}` : ""}`;

type Tx = Prisma.TransactionClient;

/**
 * Records a project's results in the ledger, all or nothing. Refused when the grades would break the
 * region's quota (B8) counted over everyone already recorded for the project plus these, or when a
 * teacher already has a different result for it (correct that by reversing the old entry first).
 */
export async function recordProjectResults(
  prisma: PrismaClient | Tx,
  request: { projectId: string; results: ProjectResult[]; source: "manual" | "import"; actor: string },
): Promise<RecordedResults> {
  const run = async (tx: Tx) => {
    // Locked for the whole check-and-record, so two writers cannot both pass the quota.
    await tx.$executeRaw`SELECT 1 FROM "TrainingProject" WHERE id = ${request.projectId} FOR UPDATE`;
    const project = await tx.trainingProject.findUniqueOrThrow({ where: { id: request.projectId }, include: { region: true } });
    const seen = new Set<string>();
    for (const [index, result] of request.results.entries()) {
      if (seen.has(result.teacherId)) {
        throw new DomainError("duplicate_teacher", `第 ${index + 1} 条：同一位教师出现了两次。`, { field: `results[${index}].teacherId` });
      }
      seen.add(result.teacherId);
    }
    const everything = await tx.ledgerEntry.findMany({ where: { projectId: project.id } });
    const existing = effectiveEntries(everything);
    const existingByTeacher = new Map(existing.map((e) => [e.teacherId, e]));
    const reversalsByTeacher = new Map<string, number>();
    for (const entry of everything) {
      if (entry.reversesId) reversalsByTeacher.set(entry.teacherId, (reversalsByTeacher.get(entry.teacherId) ?? 0) + 1);
    }

    const fresh: ProjectResult[] = [];
    const unchanged: LedgerEntry[] = [];
    for (const [index, result] of request.results.entries()) {
      const previous = existingByTeacher.get(result.teacherId);
      if (!previous) {
        fresh.push(result);
      } else if (sameResult(previous, project, result)) {
        unchanged.push(previous);
      } else {
        throw new DomainError(
          "result_conflict",
          `第 ${index + 1} 条：该教师在 ${project.code} 已登记为「${RESULT_NAMES[previous.result]}」，与本次不同；如需更正请先冲销原记录。`,
          { field: `results[${index}]`, kind: "conflict" },
        );
      }
    }

    const graded = [...existing.filter((e) => e.role === "participant").map((e) => e.result as Result),
      ...fresh.filter((r) => (r.role ?? "participant") === "participant").map((r) => r.result)];
    const quota = checkGradeQuota(policyOfRegion(project.region), graded);
    if (!quota.ok) throw new DomainError("grade_quota_exceeded", quota.message, { field: "results", kind: "conflict" });

    const keys = fresh.map((result) => resultKey(project.id, result.teacherId, reversalsByTeacher.get(result.teacherId) ?? 0));
    await tx.ledgerEntry.createMany({
      data: fresh.map((result, index) => entryFor(project, result, { source: request.source, actor: request.actor, key: keys[index]! })),
    });
    const stored = new Map(
      (await tx.ledgerEntry.findMany({ where: { idempotencyKey: { in: keys } } })).map((entry) => [entry.idempotencyKey, entry]),
    );
    const created = keys.map((key) => stored.get(key)!);
    return { created, unchanged };
  };
  return "$transaction" in prisma ? prisma.$transaction(run, { timeout: 120_000 }) : run(prisma);
}

function entryFor(
  project: TrainingProject,
  result: ProjectResult,
  { source, actor, key }: { source: "manual" | "import"; actor: string; key: string },
) {
  const usesCredits = project.hours === null;
  return {
    teacherId: result.teacherId,
    projectId: project.id,
    occurredOn: toDbDate(result.date ?? fromDbDate(project.endsOn)),
    mode: project.mode,
    category: project.category,
    tags: project.tags,
    level: project.level,
    hours: usesCredits ? null : result.hours ?? Number(project.hours),
    leaveHours: result.leaveHours ?? 0,
    credits: usesCredits ? Number(project.fixedCredits) : null,
    result: result.result,
    role: result.role ?? "participant",
    approved: project.approvedAt !== null,
    source,
    sourceRef: result.sourceRef ?? null,
    idempotencyKey: key,
    recordedBy: actor,
  } satisfies Prisma.LedgerEntryUncheckedCreateInput;
}

function sameResult(previous: LedgerEntry, project: TrainingProject, result: ProjectResult): boolean {
  const hours = project.hours === null ? null : String(result.hours ?? Number(project.hours));
  return (
    previous.result === result.result &&
    previous.role === (result.role ?? "participant") &&
    Number(previous.leaveHours) === (result.leaveHours ?? 0) &&
    (previous.hours === null ? null : String(Number(previous.hours))) === hours
  );
}

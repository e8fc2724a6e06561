import { evaluate, yearKeyOf, yearScheme, type AssessmentResult, type CreditRecord, type Evaluation, type EvaluationInput, type Policy } from "../credits/index.js";
import type { Assessment, LedgerEntry, PrismaClient, Region, Teacher, YearCertification } from "../generated/prisma/client.js";
import { fromDbDate, todayIn, type DateOnly } from "./calendar.js";
import { effectiveEntries } from "./ledger.js";
import { policyOfRegion } from "./policies.js";
import { teacherInScope, type AccessScope } from "./scope.js";

const amount = (value: { toString(): string } | null) => (value === null ? undefined : Number(value.toString()));

/** A ledger entry with the title of the project it was recorded against, when loaded with PROJECT_TITLE. */
export type TitledEntry = LedgerEntry & { project?: { title: string } | null };
/** `include` for ledger queries whose records are explained to people: the training's name goes with them. */
export const PROJECT_TITLE = { project: { select: { title: true } } } as const;

/**
 * The engine's view of a ledger entry. A year certification (A5) stamps every entry of that (training)
 * year that was not already certified when recorded.
 */
export function toCreditRecord(
  entry: TitledEntry,
  certificationOfYear: (date: DateOnly) => Pick<YearCertification, "certifiedBy" | "certifiedAt"> | undefined,
): CreditRecord {
  const date = fromDbDate(entry.occurredOn);
  const certification = entry.certifiedBy
    ? { certifiedBy: entry.certifiedBy, certifiedAt: entry.certifiedAt }
    : certificationOfYear(date);
  return {
    id: entry.id,
    date,
    title: entry.project?.title,
    mode: entry.mode,
    category: entry.category,
    tags: entry.tags,
    level: entry.level,
    hours: amount(entry.hours),
    leaveHours: amount(entry.leaveHours),
    credits: amount(entry.credits),
    result: entry.result,
    role: entry.role,
    approved: entry.approved,
    preService: entry.preService,
    certifiedBy: certification?.certifiedBy ?? undefined,
    certifiedOn: certification?.certifiedAt ? fromDbDate(certification.certifiedAt) : undefined,
  };
}

export function toAssessmentResult(assessment: Assessment): AssessmentResult {
  return {
    id: assessment.id,
    kind: assessment.kind,
    term: assessment.term,
    date: fromDbDate(assessment.assessedOn),
    score: Number(assessment.score.toString()),
  };
}

type TeacherRows = { entries: TitledEntry[]; assessments: Assessment[]; certifications: YearCertification[] };

/** The engine's input for one teacher from rows already loaded. */
export function evaluationInputOf(policy: Policy, teacher: Teacher, rows: TeacherRows, asOf: DateOnly): EvaluationInput {
  const scheme = yearScheme(policy.years.startMonth, policy.years.endMonth);
  const byYear = new Map(rows.certifications.map((c) => [c.year, c]));
  return {
    asOf,
    teacher: { id: teacher.id, hiredOn: teacher.hiredOn ? fromDbDate(teacher.hiredOn) : undefined },
    records: effectiveEntries(rows.entries).map((entry) => toCreditRecord(entry, (date) => byYear.get(yearKeyOf(date, scheme)))),
    assessments: rows.assessments.map(toAssessmentResult),
  };
}

/** Evaluates one teacher from rows already loaded; shared by single balances and whole-school reports. */
export function evaluateTeacher(policy: Policy, teacher: Teacher, rows: TeacherRows, asOf: DateOnly): Evaluation {
  return evaluate(policy, evaluationInputOf(policy, teacher, rows, asOf));
}

export type Balance = {
  teacher: Teacher;
  region: Region;
  policy: Policy;
  asOf: DateOnly;
  input: EvaluationInput;
  evaluation: Evaluation;
};

/** A teacher's credits as the engine counts them, as of a date (default: today in the region). */
export async function balanceOf(
  prisma: PrismaClient,
  request: { scope: AccessScope; teacherId: string; now: Date; asOf?: DateOnly },
): Promise<Balance> {
  const teacher = await teacherInScope(prisma, request.scope, request.teacherId);
  const region = await prisma.region.findUniqueOrThrow({ where: { id: teacher.regionId } });
  return balanceOfTeacher(prisma, { teacher, region, now: request.now, ...(request.asOf ? { asOf: request.asOf } : {}) });
}

/** The same for a teacher and region already loaded and allowed (the sender of a chat message). */
export async function balanceOfTeacher(
  prisma: PrismaClient,
  request: { teacher: Teacher; region: Region; now: Date; asOf?: DateOnly },
): Promise<Balance> {
  const { teacher, region } = request;
  const policy = policyOfRegion(region);
  const asOf = request.asOf ?? todayIn(region.timezone, request.now);
  const [entries, assessments, certifications] = await Promise.all([
    prisma.ledgerEntry.findMany({ where: { teacherId: teacher.id }, include: PROJECT_TITLE }),
    prisma.assessment.findMany({ where: { teacherId: teacher.id } }),
    prisma.yearCertification.findMany({ where: { teacherId: teacher.id } }),
  ]);
  const input = evaluationInputOf(policy, teacher, { entries, assessments, certifications }, asOf);
  return { teacher, region, policy, asOf, input, evaluation: evaluate(policy, input) };
}

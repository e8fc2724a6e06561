import { formatRate, type Amount } from "./amount.js";
import type { CompiledAward, CompiledPolicy } from "./compile.js";
import { formatChineseDate, type DateOnly } from "./dates.js";
import type { CountingWindow } from "./record-credit.js";
import type { AssessmentLine, AssessmentResult, AssessmentStatus } from "./types.js";
import { ASSESSMENT_KIND_NAMES, UNIT_NAMES } from "./vocabulary.js";

/**
 * Assessment awards (兰西 D2/D3): a semester score at or above the threshold is certified as a fixed number of
 * hours. One award per kind and term: if a term was scored twice, the best score counts once.
 */

export interface AwardedAmount {
  readonly date: DateOnly;
  readonly hours: Amount;
  readonly counted: Amount;
  readonly modeIndex: number;
  readonly categoryIndex: number;
}

const TERM = /^(\d{4})-(spring|autumn)$/;

function termLabel(term: string): string {
  const match = TERM.exec(term);
  if (!match) return term;
  return `${match[1]}年${match[2] === "spring" ? "春季" : "秋季"}学期`;
}

function compareForAward(a: AssessmentResult, b: AssessmentResult): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function countedAmount(policy: CompiledPolicy, award: CompiledAward): Amount {
  if (!policy.countsCredits) return award.hours;
  return policy.creditsPerHour[award.modeIndex]?.apply(award.hours) ?? 0;
}

function explainAssessment(
  policy: CompiledPolicy,
  assessment: AssessmentResult,
  award: CompiledAward | undefined,
  status: AssessmentStatus,
  window: CountingWindow,
): string {
  const what = `${termLabel(assessment.term)}${award?.label ?? ASSESSMENT_KIND_NAMES[assessment.kind]} ${String(assessment.score)} 分`;
  switch (status) {
    case "not_in_policy":
      return `${what}，本地政策没有按此考核认定学时的规定，不计入`;
    case "after_as_of":
      return `${what}，考核日期晚于统计日${formatChineseDate(window.asOf)}，暂不计入`;
    case "outside_cycle":
      return `${what}，考核日期不在本周期（${formatChineseDate(window.start)}—${formatChineseDate(window.end)}）内，不计入本周期`;
    case "below_threshold":
      return `${what}，未达到 ${String(award?.minScore)} 分，不认定学时`;
    case "superseded":
      return `${what}，同一学期已按更高的一次考核认定，不重复计入`;
    case "awarded": {
      if (award === undefined) return what;
      const hours = policy.amounts.format(award.hours);
      const base = `${what}（${String(award.minScore)} 分及以上合格），认定 ${hours} 学时`;
      if (!policy.countsCredits) return base;
      const rate = policy.rates[award.modeIndex] ?? 0;
      return `${base} ÷ ${formatRate(rate)} = ${policy.amounts.format(countedAmount(policy, award))} ${UNIT_NAMES.credit}`;
    }
  }
}

export function evaluateAssessments(
  policy: CompiledPolicy,
  assessments: readonly AssessmentResult[],
  window: CountingWindow,
): { lines: AssessmentLine[]; awarded: AwardedAmount[] } {
  const statusById = new Map<string, AssessmentStatus>();
  const bestByTerm = new Map<string, AssessmentResult>();
  for (const assessment of [...assessments].sort(compareForAward)) {
    const award = policy.awards.get(assessment.kind);
    let status: AssessmentStatus;
    if (award === undefined) status = "not_in_policy";
    else if (assessment.date > window.asOf) status = "after_as_of";
    else if (assessment.date < window.start || assessment.date > window.end) status = "outside_cycle";
    else if (assessment.score < award.minScore) status = "below_threshold";
    else {
      const termKey = `${assessment.kind} ${assessment.term}`;
      status = bestByTerm.has(termKey) ? "superseded" : "awarded";
      if (status === "awarded") bestByTerm.set(termKey, assessment);
    }
    statusById.set(assessment.id, status);
  }

  const lines: AssessmentLine[] = [];
  const awarded: AwardedAmount[] = [];
  const chronological = [...assessments].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const assessment of chronological) {
    const award = policy.awards.get(assessment.kind);
    const status = statusById.get(assessment.id) ?? "not_in_policy";
    const isAwarded = status === "awarded" && award !== undefined;
    const counted = isAwarded ? countedAmount(policy, award) : 0;
    if (isAwarded) {
      awarded.push({ date: assessment.date, hours: award.hours, counted, modeIndex: award.modeIndex, categoryIndex: award.categoryIndex });
    }
    lines.push({
      id: assessment.id,
      status,
      score: assessment.score,
      hours: isAwarded ? policy.amounts.toDisplay(award.hours) : 0,
      counted: policy.amounts.toDisplay(counted),
      explain: explainAssessment(policy, assessment, award, status, window),
    });
  }
  return { lines, awarded };
}

import { AmountScale, shareOf, toBasisPoints } from "./amount.js";
import type { Policy } from "./policy-schema.js";
import type { AssessmentKind } from "./vocabulary.js";

/**
 * Scoring sheets kept as policy data (兰西 D2 teacher assessment, D5 school assessment), so the admin API
 * and the engine use the same numbers the region published.
 */

/** D2: points of the items the teacher completed plus the helper bonus per time helped. */
export function teacherAssessmentScore(
  policy: Policy,
  kind: AssessmentKind,
  completedItems: readonly string[],
  timesHelped: number,
): number {
  const award = policy.assessments.find((candidate) => candidate.kind === kind);
  if (award === undefined) throw new Error(`policy ${policy.id} has no ${kind} assessment`);
  const points = AmountScale.exactFor([], []);
  let score = 0;
  for (const item of award.items) {
    if (completedItems.includes(item.key)) score += points.of(item.points);
  }
  score += points.of(award.helperBonusPoints ?? 0) * Math.max(0, Math.trunc(timesHelped));
  return points.toDisplay(score);
}

export interface SchoolAssessmentInput {
  /** Points given per item; each is capped at the item's maximum. */
  readonly items: Readonly<Record<string, number>>;
  readonly averageTeacherScore: number;
  /** How many times each bonus applies (hosted county events, staff lent). */
  readonly bonusCounts?: Readonly<Record<string, number>>;
  /** Discretionary extra points for ad-hoc help (D5 "视工作强度适当加分"). */
  readonly extraPoints?: number;
}

/** D5: item points + average teacher score × weight + bonuses. */
export function schoolAssessmentScore(policy: Policy, input: SchoolAssessmentInput): number {
  const sheet = policy.schoolAssessment;
  if (sheet === undefined) throw new Error(`policy ${policy.id} has no school assessment`);
  const weight = toBasisPoints(sheet.averageTeacherScoreWeight * 100);
  const points = AmountScale.exactFor([], [weight]);
  let score = 0;
  for (const item of sheet.items) {
    score += Math.min(points.of(Math.max(0, input.items[item.key] ?? 0)), points.of(item.points));
  }
  score += shareOf(weight).apply(points.of(Math.max(0, input.averageTeacherScore)));
  for (const bonus of sheet.bonuses) {
    score += points.of(bonus.pointsEach) * Math.max(0, Math.trunc(input.bonusCounts?.[bonus.key] ?? 0));
  }
  score += points.of(Math.max(0, input.extraPoints ?? 0));
  return points.toDisplay(score);
}

import { toBasisPoints, BASIS_POINTS } from "./amount.js";
import type { Policy } from "./policy-schema.js";
import type { Result } from "./vocabulary.js";

/**
 * 博州 B8 grade quotas for one project: "良好以上的不超过30%，其中，优秀的不超过15%".
 * "不超过" is read strictly against the headcount: at most floor(30 % × participants) good-or-better and
 * floor(15 % × participants) excellent. A class of 3 therefore allows no 良好 (30 % of 3 is 0.9 people);
 * the seed says "原则上", so an operator who wants rounding up changes the policy, not this function.
 */

export interface QuotaCount {
  readonly count: number;
  readonly max: number;
}

export interface GradeQuotaLimits {
  readonly participants: number;
  readonly goodOrBetter: QuotaCount;
  readonly excellent: QuotaCount;
}

export type GradeQuotaCheck =
  | { readonly ok: true; readonly limits: GradeQuotaLimits | null }
  | { readonly ok: false; readonly message: string; readonly limits: GradeQuotaLimits };

function allowed(participants: number, percent: number): number {
  return Math.floor((participants * toBasisPoints(percent)) / BASIS_POINTS);
}

/** Results of the project's participants (lecturers are not graded against the quota). */
export function checkGradeQuota(policy: Policy, results: readonly Result[]): GradeQuotaCheck {
  const quota = policy.gradeQuota;
  if (quota === undefined) return { ok: true, limits: null };
  const participants = results.length;
  const excellentCount = results.filter((result) => result === "excellent").length;
  const goodOrBetterCount = excellentCount + results.filter((result) => result === "good").length;
  const limits: GradeQuotaLimits = {
    participants,
    goodOrBetter: { count: goodOrBetterCount, max: allowed(participants, quota.goodOrBetterMaxPercent) },
    excellent: { count: excellentCount, max: allowed(participants, quota.excellentMaxPercent) },
  };

  const problems: string[] = [];
  if (limits.goodOrBetter.count > limits.goodOrBetter.max) {
    problems.push(
      `良好及以上最多 ${limits.goodOrBetter.max} 人（${quota.goodOrBetterMaxPercent}%），现有 ${limits.goodOrBetter.count} 人，超出 ${limits.goodOrBetter.count - limits.goodOrBetter.max} 人`,
    );
  }
  if (limits.excellent.count > limits.excellent.max) {
    problems.push(
      `优秀最多 ${limits.excellent.max} 人（${quota.excellentMaxPercent}%），现有 ${limits.excellent.count} 人，超出 ${limits.excellent.count - limits.excellent.max} 人`,
    );
  }
  if (problems.length === 0) return { ok: true, limits };
  return {
    ok: false,
    limits,
    message: `成绩等次超出比例，未予录入：本项目参训 ${participants} 人，${problems.join("；")}（${quota.source}）。请调整后重新提交。`,
  };
}

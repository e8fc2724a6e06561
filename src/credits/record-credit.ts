import type { Amount } from "./amount.js";
import { matches, type CompiledFixedCredit, type CompiledPolicy } from "./compile.js";
import type { DateOnly } from "./dates.js";
import type { CreditRecord, RecordStatus } from "./types.js";
import { CATEGORIES, LEVELS, MODES, RESULTS, type Category, type Level, type Mode, type Result } from "./vocabulary.js";

/**
 * What one record is worth: the A-rules decide whether it counts at all, then hours → base (conversion,
 * fixed credits or registered credits) → bonus (grade B6, lecturer B7) → counted.
 * Written into a reused RecordOutcome because evaluate() runs this for every record of every teacher.
 */

function indexTable<T extends string>(values: readonly T[]): Readonly<Record<T, number>> {
  return Object.fromEntries(values.map((value, index) => [value, index])) as Record<T, number>;
}

export const MODE_INDEX = indexTable<Mode>(MODES);
export const LEVEL_INDEX = indexTable<Level>(LEVELS);
const RESULT_INDEX = indexTable<Result>(RESULTS);
export const CATEGORY_INDEX = indexTable<Category>(CATEGORIES);

/** How the base amount was obtained; the explanation follows it. */
export type BaseSource = "none" | "hours" | "converted" | "registered" | "fixed";

export class RecordOutcome {
  status: RecordStatus = "counted";
  baseSource: BaseSource = "none";
  /** Scheduled hours and leave as given (in the policy's unit), -1 when the record has no hours. */
  scheduledHours: Amount = -1;
  leaveHours: Amount = 0;
  /** Hours after leave, or the hour equivalent of registered credits (0 when unknown). */
  hours: Amount = 0;
  base: Amount = 0;
  gradeBonusPoints = 0;
  gradeBonus: Amount = 0;
  lecturerBonusPoints = 0;
  lecturerBonus: Amount = 0;
  counted: Amount = 0;
  fixed: CompiledFixedCredit | undefined = undefined;

  reset(): void {
    this.status = "counted";
    this.baseSource = "none";
    this.scheduledHours = -1;
    this.leaveHours = 0;
    this.hours = 0;
    this.base = 0;
    this.gradeBonusPoints = 0;
    this.gradeBonus = 0;
    this.lecturerBonusPoints = 0;
    this.lecturerBonus = 0;
    this.counted = 0;
    this.fixed = undefined;
  }
}

export interface CountingWindow {
  readonly start: DateOnly;
  readonly end: DateOnly;
  readonly asOf: DateOnly;
}

function firstFixedCredit(
  policy: CompiledPolicy,
  modeIndex: number,
  categoryIndex: number,
  levelRank: number,
  tags: readonly string[] | undefined,
): CompiledFixedCredit | undefined {
  for (const fixed of policy.fixedCredits) {
    if (matches(fixed, modeIndex, categoryIndex, levelRank, tags)) return fixed;
  }
  return undefined;
}

function exclusion(policy: CompiledPolicy, record: CreditRecord, window: CountingWindow): RecordStatus | undefined {
  if (record.preService === true && policy.policy.preService.excluded) return "pre_service";
  if (!record.approved) return "unapproved";
  if (record.result === "fail") return "failed";
  if (record.date > window.asOf) return "after_as_of";
  if (record.date < window.start || record.date > window.end) return "outside_cycle";
  return undefined;
}

export function assessRecord(policy: CompiledPolicy, record: CreditRecord, window: CountingWindow, out: RecordOutcome): void {
  out.reset();
  const amounts = policy.amounts;
  if (record.hours !== undefined) {
    out.scheduledHours = amounts.of(record.hours);
    out.leaveHours = record.leaveHours === undefined ? 0 : amounts.of(record.leaveHours);
  }
  const netHours = out.scheduledHours < 0 ? -1 : Math.max(0, out.scheduledHours - out.leaveHours);

  const excluded = exclusion(policy, record, window);
  if (excluded !== undefined) {
    out.status = excluded;
    if (excluded === "pre_service" && netHours > 0) out.hours = netHours;
    return;
  }

  const modeIndex = MODE_INDEX[record.mode];
  const levelRank = LEVEL_INDEX[record.level];
  const rate = policy.rates[modeIndex] ?? 0;

  if (policy.countsCredits) {
    const fixed =
      policy.fixedCredits.length === 0
        ? undefined
        : firstFixedCredit(policy, modeIndex, record.category === undefined ? -1 : CATEGORY_INDEX[record.category], levelRank, record.tags);
    if (fixed !== undefined || record.credits !== undefined) {
      out.fixed = fixed;
      out.baseSource = fixed !== undefined ? "fixed" : "registered";
      out.base = fixed !== undefined ? fixed.credits : amounts.of(record.credits ?? 0);
      out.hours = netHours >= 0 ? netHours : rate > 0 ? (policy.hoursPerCredit[modeIndex]?.apply(out.base) ?? 0) : 0;
    } else if (rate > 0) {
      out.baseSource = "converted";
      out.hours = netHours;
      out.base = policy.creditsPerHour[modeIndex]?.apply(netHours) ?? 0;
    } else {
      out.status = "not_convertible";
      out.hours = netHours;
      return;
    }
  } else if (netHours >= 0) {
    out.baseSource = "hours";
    out.hours = netHours;
    out.base = netHours;
  } else if (rate > 0) {
    out.baseSource = "registered";
    out.base = policy.hoursPerCredit[modeIndex]?.apply(amounts.of(record.credits ?? 0)) ?? 0;
    out.hours = out.base;
  } else {
    out.status = "not_convertible";
    return;
  }

  const isLecturer = record.role === "lecturer";
  if (!isLecturer || policy.lecturerStacks) {
    const band = levelRank * RESULTS.length + RESULT_INDEX[record.result];
    out.gradeBonusPoints = policy.gradeBonus[band] ?? 0;
    if (out.gradeBonusPoints > 0) out.gradeBonus = policy.gradeBonusShare[band]?.apply(out.base) ?? 0;
  }
  if (isLecturer) {
    out.lecturerBonusPoints = policy.lecturerBonus[levelRank] ?? 0;
    if (out.lecturerBonusPoints > 0) out.lecturerBonus = policy.lecturerBonusShare[levelRank]?.apply(out.base) ?? 0;
  }
  out.counted = out.base + out.gradeBonus + out.lecturerBonus;
}

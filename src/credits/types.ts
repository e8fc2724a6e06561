import type { DateOnly } from "./dates.js";
import type { AssessmentKind, Category, Level, Mode, ProRatingMode, Result, Role, Unit } from "./vocabulary.js";

/**
 * The engine's input and output. Field names are the CLI contract (see README "Credit engine"); the ledger
 * maps its rows onto CreditRecord and the bot renders Evaluation. All amounts in the output are display
 * numbers rounded to two decimals; the engine computes them exactly.
 */

export interface CreditRecord {
  readonly id: string;
  /** When the training ended (the day it counts on). */
  readonly date: DateOnly;
  /** The training's name (信息技术专题), shown with the record's explanation; the engine does not read it. */
  readonly title?: string | undefined;
  readonly mode: Mode;
  readonly category?: Category | undefined;
  readonly tags?: readonly string[] | undefined;
  /** Level of the issuing authority (A6), not of the venue. */
  readonly level: Level;
  /** Scheduled hours; leave is deducted from them (A3). */
  readonly hours?: number | undefined;
  readonly leaveHours?: number | undefined;
  /** For records registered directly in credits (a provincial system, 山东 remote training = 18). */
  readonly credits?: number | undefined;
  readonly result: Result;
  readonly role?: Role | undefined;
  /** Approved by the education authority (A2). */
  readonly approved: boolean;
  /** New-teacher pre-service training (A4): tracked on its own. */
  readonly preService?: boolean | undefined;
  /** Annual certification (A5): who certified the record and when. */
  readonly certifiedBy?: string | undefined;
  readonly certifiedOn?: DateOnly | undefined;
}

export interface AssessmentResult {
  readonly id: string;
  readonly kind: AssessmentKind;
  /** "2024-autumn", "2025-spring". */
  readonly term: string;
  readonly date: DateOnly;
  readonly score: number;
}

export interface DegreeUpgrade {
  /** Approved by a county-or-above education authority before study began. */
  readonly approved: boolean;
  /** Date of the recognised certificate. */
  readonly completedOn: DateOnly;
  /** Same as or related to the subject taught. */
  readonly relatedSubject: boolean;
}

export interface EvaluationInput {
  /** The day the evaluation speaks for; nothing after it counts yet. */
  readonly asOf: DateOnly;
  readonly teacher: { readonly id: string; readonly hiredOn?: DateOnly | undefined };
  /** Overrides the cycle the policy would pick for asOf. */
  readonly cycle?: { readonly start: DateOnly; readonly end: DateOnly } | undefined;
  readonly records: readonly CreditRecord[];
  readonly assessments?: readonly AssessmentResult[] | undefined;
  readonly degreeUpgrade?: DegreeUpgrade | undefined;
}

export interface Tally {
  readonly earned: number;
  readonly required: number;
  readonly met: boolean;
  /** The whole cycle's requirement, present when `required` was pro-rated for a mid-cycle hire. */
  readonly fullRequired?: number;
}

export interface CategoryTally extends Tally {
  /** Covered by another category's excess (B3), already part of `met`. */
  readonly coveredByOverflow?: number;
  /** Excess lent to other categories (B3). */
  readonly lentToOthers?: number;
}

export interface ConsequenceLine {
  readonly code: string;
  readonly text: string;
  readonly source: string;
}

export interface PeriodTally {
  readonly label: string;
  readonly earned: number;
}

export interface YearTally {
  /** Calendar year in which the (training) year starts. */
  readonly year: number;
  /** "2023年" or "2023—2024学年度". */
  readonly label: string;
  readonly start: DateOnly;
  readonly end: DateOnly;
  readonly unit: Unit;
  readonly earned: number;
  /** null when the policy sets no annual minimum for this year. */
  readonly required: number | null;
  readonly met: boolean;
  /** "closed" once asOf reaches the year's last day. */
  readonly status: "closed" | "in_progress";
  /** Applied consequences (C4): only for a closed year that missed its minimum. */
  readonly consequences: readonly ConsequenceLine[];
  readonly floors?: Readonly<Record<string, Tally>>;
  /** Half-year audits (E1). */
  readonly periods?: readonly PeriodTally[];
  /** Counted records not yet certified (A5). */
  readonly uncertified?: readonly string[];
  readonly note?: string;
}

export type RecordStatus =
  | "counted"
  | "failed"
  | "unapproved"
  | "pre_service"
  | "after_as_of"
  | "outside_cycle"
  | "not_convertible";

export interface RecordLine {
  readonly id: string;
  /** The record's date, mode, category and title, so a line explains itself wherever it is shown. */
  readonly date: DateOnly;
  readonly mode: Mode;
  readonly category: Category | undefined;
  readonly title: string | undefined;
  readonly status: RecordStatus;
  /** Hours after leave; credit-registered records show their hour equivalent when a rate is known. */
  readonly hours: number;
  readonly base: number;
  readonly bonus: number;
  readonly counted: number;
  readonly explain: string;
}

export type AssessmentStatus = "awarded" | "below_threshold" | "superseded" | "after_as_of" | "outside_cycle" | "not_in_policy";

export interface AssessmentLine {
  readonly id: string;
  readonly status: AssessmentStatus;
  readonly score: number;
  readonly hours: number;
  readonly counted: number;
  readonly explain: string;
}

export type ShortfallScope = "cycle" | "year";

export interface Shortfall {
  /** Rule id from credit-rules.md (or the custom policy's source). */
  readonly rule: string;
  readonly scope: ShortfallScope;
  /** "total", "category:required", "floor:centralized", "year", "year-floor:public_subject". */
  readonly key: string;
  readonly what: string;
  /** Rounded up to the cent: never understated, never 0 while anything is missing. */
  readonly missing: number;
  /**
   * The same amount exactly, as an integer count of the policy's unit of account (1/(10⁶ × denominator),
   * credits/amount.ts). suggest() converts this one, so 2/3 credit at 3 h per credit asks for 2 hours, not
   * the 3 that 0.67 × 3 would.
   */
  readonly exactMissing: number;
  readonly unit: Unit;
  readonly year?: number;
  /** The period is over: it can no longer be made up. */
  readonly final: boolean;
  /** Training modes that can make it up, for suggestions in hours. */
  readonly modes: readonly Mode[];
  /** What happens if it stays missing (closed periods: what applies). */
  readonly consequences: readonly ConsequenceLine[];
}

export interface PreServiceTally {
  readonly hours: number;
  readonly required: number | null;
  readonly deadline: DateOnly | null;
  readonly met: boolean | null;
}

/** Why the cycle requirements are smaller than the policy's: the teacher was hired after the cycle began. */
export interface ProRating {
  readonly by: Exclude<ProRatingMode, "none">;
  readonly hiredOn: DateOnly;
  /** Years (by: years) or months (by: months) of the cycle the teacher serves in, the one of hiring counted whole. */
  readonly served: number;
  /** The cycle's years or months. */
  readonly of: number;
  /** Rule the pro-rated requirement comes from (the policy's `proRating.source`). */
  readonly source: string;
}

export interface Evaluation {
  readonly policy: string;
  readonly unit: Unit;
  readonly asOf: DateOnly;
  readonly cycle: { readonly start: DateOnly; readonly end: DateOnly; readonly over: boolean };
  readonly met: boolean;
  /** One Chinese sentence: why the cycle is or is not met (names B9 when a degree upgrade applies). */
  readonly reason: string;
  readonly total: Tally;
  /** Present when the total, category minimums and cycle floors were pro-rated: each then has `fullRequired`. */
  readonly proRating?: ProRating;
  readonly categories: Readonly<Record<string, CategoryTally>>;
  readonly floors: Readonly<Record<string, Tally>>;
  readonly years: readonly YearTally[];
  readonly records: readonly RecordLine[];
  readonly assessments: readonly AssessmentLine[];
  readonly preService?: PreServiceTally;
  /** Applied at cycle level: cycle over and not met, or pre-service deadline missed. */
  readonly consequences: readonly ConsequenceLine[];
  readonly shortfalls: readonly Shortfall[];
  readonly suggestions: readonly string[];
  readonly notes: readonly string[];
}

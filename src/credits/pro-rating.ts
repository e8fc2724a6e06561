import type { Amount, AmountScale } from "./amount.js";
import type { CycleWindow } from "./cycle.js";
import { monthOf, yearOf, type DateOnly } from "./dates.js";
import type { Policy } from "./policy-schema.js";
import type { ProRating } from "./types.js";
import { yearKeyOf, type YearScheme } from "./years.js";

/**
 * The share of a cycle a teacher hired after it began is asked to complete (policy `proRating`).
 * `years`: the (training) years of the cycle she serves in, the year of hiring counted as a whole year, out of
 * the cycle's years. `months`: the calendar months she serves in, the month of hiring counted whole, out of the
 * cycle's months. The cycle total, category minimums and cycle floors are multiplied by that share and rounded
 * down to the hundredth, so the requirement shown is the one checked. Annual rules are not pro-rated (a year
 * before hiring is not listed, the year of hiring has no minimum) and pre-service hours stay outside (A4).
 */

function monthIndex(date: DateOnly): number {
  return yearOf(date) * 12 + monthOf(date) - 1;
}

/** Undefined when the whole cycle is asked: no hire date, hired before the cycle, or a policy that does not pro-rate. */
export function proRatingOf(policy: Policy, scheme: YearScheme, hiredOn: DateOnly | undefined, cycle: CycleWindow): ProRating | undefined {
  const by = policy.proRating.by;
  if (by === "none" || hiredOn === undefined || hiredOn <= cycle.start) return undefined;
  const servedFrom = hiredOn > cycle.end ? undefined : hiredOn;
  const unitIndex = by === "years" ? (date: DateOnly) => yearKeyOf(date, scheme) : monthIndex;
  const of = unitIndex(cycle.end) - unitIndex(cycle.start) + 1;
  const served = servedFrom === undefined ? 0 : unitIndex(cycle.end) - unitIndex(servedFrom) + 1;
  if (served >= of) return undefined;
  return { by, hiredOn, served, of, source: policy.proRating.source };
}

/**
 * A cycle requirement after pro-rating: its share, rounded down to the hundredth. Requirements have at most
 * two decimals (policy schema), so counting in hundredths first keeps the product small and exact.
 */
export function proRated(amounts: AmountScale, required: Amount, rating: ProRating | undefined): Amount {
  if (rating === undefined) return required;
  const hundredths = Math.round(required / amounts.unitsPerCent);
  return Math.floor((hundredths * rating.served) / rating.of) * amounts.unitsPerCent;
}

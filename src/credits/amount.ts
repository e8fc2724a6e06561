/**
 * Exact arithmetic for hours and credits.
 *
 * Every amount inside the engine is an integer count of micro-units (1/1,000,000 of an hour or credit),
 * held in an ordinary JS number: sums are exact, and the only rounding happens where a division cannot be
 * exact (hours ÷ a rate such as 3, or a percentage of an odd amount), always half-up at the micro-unit.
 * Values shown to people are rounded once more, to two decimals, at the edge (toDisplay).
 *
 * Range: inputs are capped at 10,000 hours/credits per record (1e10 micro-units) and rates/percents at
 * two decimals, so every intermediate product stays below 2^53 and integer division stays exact.
 */

export type Micro = number;

export const MICRO_PER_UNIT = 1_000_000;

/** Rates are stored in hundredths of an hour per credit (4 h = 400), so 2.5 h per credit stays exact. */
export const RATE_SCALE = 100;

/** Percentages are stored in basis points (15 % = 1500). */
export const BASIS_POINTS = 10_000;

export function toMicro(value: number): Micro {
  return Math.round(value * MICRO_PER_UNIT);
}

export function toRate(hoursPerCredit: number): number {
  return Math.round(hoursPerCredit * RATE_SCALE);
}

export function toBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/** Half-up division of non-negative integers, exact for numerators below 2^53. */
export function divideRoundingHalfUp(numerator: number, denominator: number): number {
  const quotient = Math.trunc(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

export function hoursToCredits(hours: Micro, rate: number): Micro {
  return divideRoundingHalfUp(hours * RATE_SCALE, rate);
}

export function creditsToHours(credits: Micro, rate: number): Micro {
  return divideRoundingHalfUp(credits * rate, RATE_SCALE);
}

export function percentOf(amount: Micro, basisPoints: number): Micro {
  return divideRoundingHalfUp(amount * basisPoints, BASIS_POINTS);
}

/** The number shown to people and written to JSON: two decimals, half-up. */
export function toDisplay(amount: Micro): number {
  const hundredths = amount >= 0 ? Math.round(amount / 10_000) : -Math.round(-amount / 10_000);
  return hundredths / 100;
}

/**
 * Display form inside Chinese sentences: "11.5", "2.63", "90"; the same text as String(toDisplay(amount)),
 * built from integers because explanations format millions of amounts per second.
 */
export function formatAmount(amount: Micro): string {
  const hundredths = amount >= 0 ? Math.round(amount / 10_000) : -Math.round(-amount / 10_000);
  const sign = hundredths < 0 ? "-" : "";
  const absolute = Math.abs(hundredths);
  const whole = Math.floor(absolute / 100);
  const cents = absolute - whole * 100;
  if (cents === 0) return `${sign}${whole}`;
  if (cents % 10 === 0) return `${sign}${whole}.${cents / 10}`;
  return `${sign}${whole}.${cents < 10 ? "0" : ""}${cents}`;
}

export function formatRate(rate: number): string {
  return String(rate / RATE_SCALE);
}

export function formatPercent(basisPoints: number): string {
  return String(basisPoints / 100);
}

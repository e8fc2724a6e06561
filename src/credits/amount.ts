/**
 * Exact arithmetic for hours and credits.
 *
 * Inputs are read to the micro-unit (1/1,000,000 of an hour or credit). Inside an evaluation every amount is
 * an integer count of a policy's own unit, 1/(1,000,000 × denominator), where the denominator is chosen once
 * per policy so that every conversion (hours ÷ a rate such as 3 or 2.5, credits × a rate) and every bonus
 * percentage divides exactly. So 10 hours at 3 h per credit are exactly 10/3 credits, six of them are exactly
 * 20, and nothing is rounded before a requirement is compared. Only the numbers shown to people are rounded
 * (toDisplay, missingForDisplay; the rule is in README "How the numbers work").
 *
 * Range: amounts are ordinary JS numbers, exact while below 2^53. The policy schema refuses rates and bonus
 * percentages whose unit would take a realistic sum beyond that (AmountScale.coversEvery), so a policy that
 * was accepted always evaluates; checkExact stays as the guard against impossible input (more hours than a
 * cycle has), refusing rather than answering with a rounded sum.
 */

export type Amount = number;

export const MICRO_PER_UNIT = 1_000_000;

/** Rates are stored in hundredths of an hour per credit (4 h = 400), so 2.5 h per credit stays exact. */
export const RATE_SCALE = 100;

/** Percentages are stored in basis points (15 % = 1500). */
export const BASIS_POINTS = 10_000;

const CENTS_PER_UNIT = 100;

export function toRate(hoursPerCredit: number): number {
  return Math.round(hoursPerCredit * RATE_SCALE);
}

export function toBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function leastCommonMultiple(a: number, b: number): number {
  return (a / greatestCommonDivisor(a, b)) * b;
}

/** Half-up division of non-negative integers, exact for numerators below 2^53. */
export function divideRoundingHalfUp(numerator: number, denominator: number): number {
  const quotient = Math.trunc(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

function ceilingDivision(numerator: number, denominator: number): number {
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return remainder > 0 ? quotient + 1 : quotient;
}

/**
 * amount × numerator ÷ denominator with no remainder, for amounts that are multiples of `divisor` (an
 * AmountScale built for it guarantees that). In lowest terms once, when a policy is compiled, so no record
 * pays for a gcd.
 */
export class ExactRatio {
  readonly divisor: number;
  readonly multiplier: number;

  constructor(numerator: number, denominator: number) {
    const common = greatestCommonDivisor(numerator, denominator);
    this.divisor = denominator / common;
    this.multiplier = numerator / common;
  }

  apply(amount: Amount): Amount {
    return (amount / this.divisor) * this.multiplier;
  }
}

/** hours → credits at a rate in hundredths of an hour per credit. */
export function creditsPerHour(rate: number): ExactRatio {
  return new ExactRatio(RATE_SCALE, rate);
}

/** credits → hours at a rate in hundredths of an hour per credit. */
export function hoursPerCredit(rate: number): ExactRatio {
  return new ExactRatio(rate, RATE_SCALE);
}

/** A bonus (or weight) in basis points of an amount. */
export function shareOf(basisPoints: number): ExactRatio {
  return new ExactRatio(basisPoints, BASIS_POINTS);
}

function leastCommonDivisible(ratios: readonly ExactRatio[]): number {
  return ratios.reduce((common, ratio) => leastCommonMultiple(common, ratio.divisor), 1);
}

/** More hours than a cycle of this many years has (every day, around the clock): no teacher's sum reaches it. */
function hoursInCycle(years: number): number {
  return years * 366 * 24;
}

/** The largest amount a policy may set (a requirement, a rate, an award's hours); the policy schema enforces it. */
export const MAX_POLICY_AMOUNT = 10_000;

/**
 * A policy's unit of account. The denominator is what every chain of conversions divides by: hours → credits
 * at one rate (÷ the rates' divisors), a bonus on that (÷ the percentages'), back to hours at another rate
 * (÷ those divisors), so every amount built from inputs is a multiple of what the next division needs.
 */
export class AmountScale {
  readonly unitsPerOne: number;
  /** One hundredth (of an hour or credit), the display precision. */
  readonly unitsPerCent: number;

  constructor(readonly denominator: number) {
    this.unitsPerOne = MICRO_PER_UNIT * denominator;
    this.unitsPerCent = this.unitsPerOne / CENTS_PER_UNIT;
  }

  /** Rates in hundredths of an hour per credit, bonuses in basis points; zeros (none) are skipped. */
  static exactFor(rates: readonly number[], basisPoints: readonly number[]): AmountScale {
    const positiveRates = rates.filter((rate) => rate > 0);
    const positivePoints = basisPoints.filter((points) => points > 0);
    return new AmountScale(
      leastCommonDivisible(positiveRates.map(creditsPerHour)) *
        leastCommonDivisible(positiveRates.map(hoursPerCredit)) *
        leastCommonDivisible(positivePoints.map(shareOf)),
    );
  }

  /**
   * Whether every amount an evaluation at these rates and bonuses can produce stays an exact JS integer: all
   * the hours a cycle has, converted at the lowest rate (when that gives more credits than hours) with the
   * largest bonus a record can get, and the largest requirement converted to hours at the highest rate (what
   * suggest() does).
   */
  coversEvery(rates: readonly number[], largestBonusPoints: number, cycleYears: number): boolean {
    const positiveRates = rates.filter((rate) => rate > 0);
    const lowestRate = Math.min(RATE_SCALE, ...positiveRates);
    const highestRate = Math.max(RATE_SCALE, ...positiveRates);
    const largestSum = (hoursInCycle(cycleYears) * RATE_SCALE * (BASIS_POINTS + largestBonusPoints)) / (lowestRate * BASIS_POINTS);
    const largestHours = (MAX_POLICY_AMOUNT * highestRate) / RATE_SCALE;
    return this.unitsPerOne * Math.max(largestSum, largestHours) <= Number.MAX_SAFE_INTEGER;
  }

  /** An input number (hours, credits, a requirement) read to the micro-unit. */
  of(value: number): Amount {
    return Math.round(value * MICRO_PER_UNIT) * this.denominator;
  }

  /** Whole hours (or credits) needed to cover an amount: 2/3 credit at 3 h per credit is 2 hours, not 3. */
  wholeUnitsCovering(amount: Amount): number {
    return ceilingDivision(amount, this.unitsPerOne);
  }

  /** Hundredths, half up: the display rule for every amount that was earned or is required. */
  private cents(amount: Amount): number {
    return amount >= 0 ? divideRoundingHalfUp(amount, this.unitsPerCent) : -divideRoundingHalfUp(-amount, this.unitsPerCent);
  }

  /** The number shown to people and written to JSON: two decimals, half up. */
  toDisplay(amount: Amount): number {
    return this.cents(amount) / CENTS_PER_UNIT;
  }

  /** What is still missing, rounded up to the cent: never understated, and never 0 while anything is missing. */
  missingForDisplay(missing: Amount): number {
    return missing <= 0 ? 0 : ceilingDivision(missing, this.unitsPerCent) / CENTS_PER_UNIT;
  }

  /**
   * An earned amount next to its requirement: half up, but short of a requirement it never shows as reaching
   * it (119.996 of 120 shows 119.99), so the numbers never contradict the verdict.
   */
  earnedForDisplay(earned: Amount, required: Amount): number {
    const shown = this.cents(earned);
    if (earned >= required) return shown / CENTS_PER_UNIT;
    return Math.min(shown, this.cents(required) - 1) / CENTS_PER_UNIT;
  }

  /**
   * Display form inside Chinese sentences: "11.5", "2.63", "90"; the same text as String(toDisplay(amount)),
   * built from integers because explanations format millions of amounts per second.
   */
  format(amount: Amount): string {
    const hundredths = this.cents(amount);
    const sign = hundredths < 0 ? "-" : "";
    const absolute = Math.abs(hundredths);
    const whole = Math.floor(absolute / 100);
    const cents = absolute - whole * 100;
    if (cents === 0) return `${sign}${whole}`;
    if (cents % 10 === 0) return `${sign}${whole}.${cents / 10}`;
    return `${sign}${whole}.${cents < 10 ? "0" : ""}${cents}`;
  }

  /** Refuses a sum that left the range where JS numbers are exact integers. */
  checkExact(amount: Amount): void {
    if (!Number.isSafeInteger(amount)) {
      throw new RangeError(`amount ${String(amount / this.unitsPerOne)} is beyond what the engine computes exactly`);
    }
  }
}

export function formatRate(rate: number): string {
  return String(rate / RATE_SCALE);
}

export function formatPercent(basisPoints: number): string {
  return String(basisPoints / 100);
}

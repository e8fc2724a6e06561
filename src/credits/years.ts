import { daysInMonth, makeDate, monthOf, yearOf, type DateOnly } from "./dates.js";

/**
 * Calendar years and training years (学年度). A training year is named by the calendar year it starts in:
 * 某区's "20xx年7月—20xx年5月" (seed 000 plan 4) starting July 2023 is year 2023, "2023—2024学年度".
 * When a training year is shorter than twelve months, the months in between (某区: June, when the year's
 * hours are reviewed and stamped) belong to the next training year: hours earned then were not in the
 * closing year's review.
 */

export interface YearScheme {
  readonly startMonth: number;
  /** 12 for a full year; 11 for July–May. */
  readonly spanMonths: number;
}

export function yearScheme(startMonth: number, endMonth: number | undefined): YearScheme {
  const last = endMonth ?? (startMonth === 1 ? 12 : startMonth - 1);
  return { startMonth, spanMonths: ((last - startMonth + 12) % 12) + 1 };
}

function monthsIntoYear(date: DateOnly, scheme: YearScheme): number {
  return (monthOf(date) - scheme.startMonth + 12) % 12;
}

/** The training year a date is counted in. */
export function yearKeyOf(date: DateOnly, scheme: YearScheme): number {
  const months = monthsIntoYear(date, scheme);
  const startsIn = monthOf(date) >= scheme.startMonth ? yearOf(date) : yearOf(date) - 1;
  return months < scheme.spanMonths ? startsIn : startsIn + 1;
}

/** True for the between-years months that roll into the next training year. */
export function isBetweenYears(date: DateOnly, scheme: YearScheme): boolean {
  return monthsIntoYear(date, scheme) >= scheme.spanMonths;
}

/** 0 for the first half of the (training) year, 1 for the second; between-years months open the next year. */
export function halfOf(date: DateOnly, scheme: YearScheme): 0 | 1 {
  const months = monthsIntoYear(date, scheme);
  return months >= 6 && months < scheme.spanMonths ? 1 : 0;
}

/** First day counted in the year: for a short training year, the between-years months before it included. */
export function yearStart(key: number, scheme: YearScheme): DateOnly {
  const firstMonthZeroBased = key * 12 + scheme.startMonth - 1 - (12 - scheme.spanMonths);
  return makeDate(Math.floor(firstMonthZeroBased / 12), (firstMonthZeroBased % 12) + 1, 1);
}

export function yearEnd(key: number, scheme: YearScheme): DateOnly {
  const lastMonthZeroBased = key * 12 + scheme.startMonth - 1 + scheme.spanMonths - 1;
  const year = Math.floor(lastMonthZeroBased / 12);
  const month = (lastMonthZeroBased % 12) + 1;
  return makeDate(year, month, daysInMonth(year, month));
}

export function isCalendarYear(scheme: YearScheme): boolean {
  return scheme.startMonth === 1 && scheme.spanMonths === 12;
}

export function yearLabel(key: number, scheme: YearScheme): string {
  if (isCalendarYear(scheme)) return `${key}年`;
  const endYear = yearOf(yearEnd(key, scheme));
  return endYear === key ? `${key}年度` : `${key}—${endYear}学年度`;
}

export function describeScheme(scheme: YearScheme): string {
  if (isCalendarYear(scheme)) return "自然年（1月—12月）";
  const lastMonth = ((scheme.startMonth - 1 + scheme.spanMonths - 1) % 12) + 1;
  const crosses = scheme.startMonth + scheme.spanMonths - 1 > 12;
  return `学年度（${scheme.startMonth}月—${crosses ? "次年" : ""}${lastMonth}月）`;
}

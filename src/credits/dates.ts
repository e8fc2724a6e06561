/**
 * Date-only values ("YYYY-MM-DD") as the teacher's calendar in Asia/Shanghai shows them.
 * The engine never builds a Date: a date-only string is already local, and converting it through
 * UTC is how a record slips into the previous day. Strings of this shape also compare correctly with < and >.
 */

export type DateOnly = string;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isDateOnly(value: string): boolean {
  const match = DATE_ONLY.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function yearOf(date: DateOnly): number {
  return (
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48)
  );
}

export function monthOf(date: DateOnly): number {
  return (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
}

export function dayOf(date: DateOnly): number {
  return (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
}

export function makeDate(year: number, month: number, day: number): DateOnly {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The day before; used to turn "next cycle starts" into "this cycle ends". */
export function previousDay(date: DateOnly): DateOnly {
  const year = yearOf(date);
  const month = monthOf(date);
  const day = dayOf(date);
  if (day > 1) return makeDate(year, month, day - 1);
  if (month > 1) return makeDate(year, month - 1, daysInMonth(year, month - 1));
  return makeDate(year - 1, 12, 31);
}

/** Same day-of-month some months later, clamped to the month's length (Aug 31 + 6 months → Feb 28/29). */
export function addMonths(date: DateOnly, months: number): DateOnly {
  const zeroBased = yearOf(date) * 12 + (monthOf(date) - 1) + months;
  const year = Math.floor(zeroBased / 12);
  const month = (zeroBased % 12) + 1;
  return makeDate(year, month, Math.min(dayOf(date), daysInMonth(year, month)));
}

export function formatChineseDate(date: DateOnly): string {
  return `${yearOf(date)}年${monthOf(date)}月${dayOf(date)}日`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier): 2026-11-23 → 2026-12-31 is 38. */
export function daysBetween(from: DateOnly, to: DateOnly): number {
  const dayNumber = (date: DateOnly) => Date.UTC(yearOf(date), monthOf(date) - 1, dayOf(date)) / 86_400_000;
  return dayNumber(to) - dayNumber(from);
}

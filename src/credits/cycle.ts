import { makeDate, monthOf, previousDay, yearOf, type DateOnly } from "./dates.js";

/**
 * The registration cycle (培训周期) an evaluation speaks for: the one containing "as of", found by stepping
 * whole cycles from the policy's anchor, unless the input names a cycle of its own.
 */

export interface CycleWindow {
  readonly start: DateOnly;
  readonly end: DateOnly;
}

export function cycleContaining(date: DateOnly, anchor: DateOnly, years: number): CycleWindow {
  const anchorMonthDay = anchor.slice(5);
  const effectiveYear = date.slice(5) >= anchorMonthDay ? yearOf(date) : yearOf(date) - 1;
  const startYear = yearOf(anchor) + Math.floor((effectiveYear - yearOf(anchor)) / years) * years;
  const start = makeDate(startYear, monthOf(anchor), Number(anchor.slice(8)));
  const nextStart = makeDate(startYear + years, monthOf(anchor), Number(anchor.slice(8)));
  return { start, end: previousDay(nextStart) };
}

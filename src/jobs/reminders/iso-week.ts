import type { DateOnly } from "../../domain/calendar.js";

/**
 * The ISO 8601 week of a local date, "2026-W48": weeks start on Monday and week 1 holds the year's first
 * Thursday, so 2026-12-31 is "2026-W53" and 2027-01-01 too. Take the date in the region's time zone first:
 * Monday 01:00 in Shanghai is still Sunday in UTC.
 */
export function isoWeekOf(date: DateOnly): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  // The Thursday of the same week decides which year the week belongs to.
  const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

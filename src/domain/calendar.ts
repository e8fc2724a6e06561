import { isDateOnly } from "../credits/index.js";

/**
 * Date-only values ("2026-11-23") as the database stores them. A date column travels as midnight UTC, so
 * conversions read and write UTC fields only; the local day is taken from the region's time zone, never
 * from the server's, which would shift dates a day on a UTC server (or by toISOString() on a UTC+8 one).
 */

export type DateOnly = string;

export function todayIn(timeZone: string, instant: Date): DateOnly {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Throws on a date no calendar has: JavaScript would silently turn 2026-02-30 into March 2nd. */
export function toDbDate(date: DateOnly): Date {
  if (!isDateOnly(date)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return new Date(`${date}T00:00:00.000Z`);
}

export function fromDbDate(value: Date): DateOnly {
  return value.toISOString().slice(0, 10);
}

export function addDays(date: DateOnly, days: number): DateOnly {
  const shifted = toDbDate(date);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return fromDbDate(shifted);
}

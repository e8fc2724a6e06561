import { addDays, todayIn, type DateOnly } from "../../domain/calendar.js";

/** "2026-07-15" → "7月15日"; the year is left out because the surrounding text names it. */
export function shortDate(date: DateOnly): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** "2026-07-15" → "2026年7月15日". */
export function fullDate(date: DateOnly): string {
  return `${date.slice(0, 4)}年${shortDate(date)}`;
}

/** "2026-08-15" → "2026年8月": when a teacher was hired, as she would say it. */
export function yearAndMonth(date: DateOnly): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`;
}

/** A cycle as its first and last years, "2022—2026": how teachers name a cycle. */
export function cycleYears(cycle: { start: DateOnly; end: DateOnly }): string {
  return `${cycle.start.slice(0, 4)}—${cycle.end.slice(0, 4)}`;
}

/** An instant as "11月23日 10:00" in the region's time zone. */
export function dayAndTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${Number(part("month"))}月${Number(part("day"))}日 ${part("hour")}:${part("minute")}`;
}

/** An instant as "今天 10:32", "明天 07:30" or "昨天 23:50" relative to `today`, else with its date. */
export function dayAndTimeFrom(today: DateOnly, instant: Date, timeZone: string): string {
  const local = dayAndTime(instant, timeZone);
  const date = todayIn(timeZone, instant);
  const time = local.slice(local.indexOf(" ") + 1);
  if (date === today) return `今天 ${time}`;
  if (date === addDays(today, 1)) return `明天 ${time}`;
  if (date === addDays(today, -1)) return `昨天 ${time}`;
  return local;
}

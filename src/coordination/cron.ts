import { CronExpressionParser } from "cron-parser";
import type { CronSchedule } from "./types.js";

/** The first tick of `when` strictly after the instant `after` (ms since the epoch). */
export function nextCronTime(when: CronSchedule, after: number): number {
  return CronExpressionParser.parse(when.pattern, { tz: when.tz, currentDate: new Date(after) }).next().getTime();
}

/**
 * Checked before a schedule is stored so both implementations refuse the same input with the same message
 * (cron-parser's own message for an unknown zone does not name the zone).
 */
export function assertCronSchedule(when: CronSchedule): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: when.tz });
  } catch {
    throw new Error(`Unknown time zone ${JSON.stringify(when.tz)}; use an IANA zone such as Asia/Shanghai`);
  }
  try {
    nextCronTime(when, Date.now());
  } catch (error) {
    throw new Error(`Invalid cron pattern ${JSON.stringify(when.pattern)}: ${(error as Error).message}`);
  }
}

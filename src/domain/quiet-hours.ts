/**
 * Quiet hours: a local window ("21:00"–"07:30") in which nobody gets a message. A message due inside the
 * window waits until it ends; it is never dropped. Pure: the caller passes the instant and the zone.
 */

export type QuietHours = {
  /** Local "HH:MM" at which the quiet starts. */
  start: string;
  /** Local "HH:MM" at which messages may go again. Equal to `start`: no quiet hours at all. */
  end: string;
  /** IANA zone the times are read in. */
  timeZone: string;
};

const MINUTES_PER_DAY = 24 * 60;

/** `instant` itself when messages may go then, otherwise the first instant the window has ended. */
export function nextAllowedTime(instant: Date, quiet: QuietHours): Date {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const local = localMinutes(instant, quiet.timeZone);
  if (!inWindow(local, start, end)) return instant;
  const wait = (end - Math.floor(local) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const startOfMinute = instant.getTime() - (local - Math.floor(local)) * 60_000;
  const guess = new Date(startOfMinute + wait * 60_000);
  // A daylight-saving change inside the wait shifts the local clock; one correction puts it on `end`.
  const drift = wrapped(localMinutes(guess, quiet.timeZone) - end);
  return drift === 0 ? guess : new Date(guess.getTime() - drift * 60_000);
}

/** Whether local minute-of-day `local` falls in [start, end), a window that may cross midnight. */
function inWindow(local: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? local >= start && local < end : local >= start || local < end;
}

/** A difference of clock minutes brought into (-12 h, 12 h], so 23:59 vs 00:00 reads as one minute. */
function wrapped(minutes: number): number {
  return ((((minutes + MINUTES_PER_DAY / 2) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY) - MINUTES_PER_DAY / 2;
}

function minutesOf(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new Error(`quiet hours time must be HH:MM (got ${JSON.stringify(time)})`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes since local midnight, with the seconds as a fraction. */
function localMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part("hour") * 60 + part("minute") + (part("second") + instant.getUTCMilliseconds() / 1000) / 60;
}

/** A region's quiet hours as stored on it. */
export function quietHoursOf(region: { timezone: string; quietHoursStart: string; quietHoursEnd: string }): QuietHours {
  return { start: region.quietHoursStart, end: region.quietHoursEnd, timeZone: region.timezone };
}

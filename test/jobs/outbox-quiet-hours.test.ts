import { describe, expect, it } from "vitest";
import { nextAllowedTime, type QuietHours } from "../../src/domain/quiet-hours.js";
import { retryDelayMs } from "../../src/jobs/outbox/retry-delay.js";

const SHANGHAI: QuietHours = { start: "21:00", end: "07:30", timeZone: "Asia/Shanghai" };
/** A Shanghai wall-clock time as an instant (UTC+8, no daylight saving). */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe("quiet hours delay, never drop", () => {
  it("lets a message go during the day at once", () => {
    expect(nextAllowedTime(shanghai("2026-11-23T12:00:00"), SHANGHAI)).toEqual(shanghai("2026-11-23T12:00:00"));
    expect(nextAllowedTime(shanghai("2026-11-23T20:59:59"), SHANGHAI)).toEqual(shanghai("2026-11-23T20:59:59"));
    expect(nextAllowedTime(shanghai("2026-11-23T07:30:00"), SHANGHAI)).toEqual(shanghai("2026-11-23T07:30:00"));
  });

  it("holds an evening message until 07:30 the next morning, across midnight and the month's end", () => {
    expect(nextAllowedTime(shanghai("2026-11-23T21:00:00"), SHANGHAI)).toEqual(shanghai("2026-11-24T07:30:00"));
    expect(nextAllowedTime(shanghai("2026-11-30T23:45:12.345"), SHANGHAI)).toEqual(shanghai("2026-12-01T07:30:00"));
  });

  it("holds an after-midnight message until 07:30 the same morning", () => {
    expect(nextAllowedTime(shanghai("2026-11-24T00:00:00"), SHANGHAI)).toEqual(shanghai("2026-11-24T07:30:00"));
    expect(nextAllowedTime(shanghai("2026-11-24T07:29:59"), SHANGHAI)).toEqual(shanghai("2026-11-24T07:30:00"));
  });

  it("reads the window in the region's zone, not the server's", () => {
    // 14:00 UTC is 22:00 in Shanghai (quiet) and 15:00 in Berlin in winter (not quiet).
    const instant = new Date("2026-11-23T14:00:00Z");
    expect(nextAllowedTime(instant, SHANGHAI)).toEqual(shanghai("2026-11-24T07:30:00"));
    expect(nextAllowedTime(instant, { ...SHANGHAI, timeZone: "Europe/Berlin" })).toEqual(instant);
  });

  it("handles a window within one day and a window that is switched off", () => {
    const lunch: QuietHours = { start: "12:00", end: "14:00", timeZone: "Asia/Shanghai" };
    expect(nextAllowedTime(shanghai("2026-11-23T12:30:00"), lunch)).toEqual(shanghai("2026-11-23T14:00:00"));
    expect(nextAllowedTime(shanghai("2026-11-23T23:00:00"), lunch)).toEqual(shanghai("2026-11-23T23:00:00"));
    const off: QuietHours = { start: "00:00", end: "00:00", timeZone: "Asia/Shanghai" };
    expect(nextAllowedTime(shanghai("2026-11-23T03:00:00"), off)).toEqual(shanghai("2026-11-23T03:00:00"));
  });

  it("lands on the end of the window across a daylight-saving change", () => {
    // New York springs forward at 02:00 on 2026-03-08; quiet 22:00–08:00 ends at 08:00 EDT (12:00 UTC).
    const newYork: QuietHours = { start: "22:00", end: "08:00", timeZone: "America/New_York" };
    expect(nextAllowedTime(new Date("2026-03-08T04:00:00Z"), newYork)).toEqual(new Date("2026-03-08T12:00:00Z"));
  });

  it("refuses a malformed time instead of guessing", () => {
    expect(() => nextAllowedTime(new Date(), { ...SHANGHAI, start: "9:00" })).toThrow(/HH:MM/);
  });
});

describe("retry back-off", () => {
  it("doubles from the base and stops at the ceiling", () => {
    expect([1, 2, 3, 4, 5].map((tries) => retryDelayMs(tries, 1_000, 10_000))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000]);
  });
});

describe("quiet hours settings", () => {
  it("refuses a setting that is not a time of day, naming the form it wants", () => {
    expect(() => nextAllowedTime(new Date(), { ...SHANGHAI, start: "7:30" })).toThrow(/HH:MM/);
    expect(() => nextAllowedTime(new Date(), { ...SHANGHAI, end: "24:00" })).toThrow(/HH:MM/);
  });
});

import { describe, expect, it } from "vitest";
import { dayAndTime, dayAndTimeFrom, fullDate, shortDate } from "../../src/bot/handlers/short-date.js";

describe("dates as teachers read them", () => {
  it("writes month and day without leading zeros", () => {
    expect(shortDate("2026-07-05")).toBe("7月5日");
    expect(fullDate("2026-12-31")).toBe("2026年12月31日");
  });

  it("gives an instant in the region's time zone, day without a leading zero, time on 24 hours", () => {
    expect(dayAndTime(new Date("2026-12-06T16:15:00Z"), "Asia/Shanghai")).toBe("12月7日 00:15");
    expect(dayAndTime(new Date("2026-03-01T01:05:00Z"), "Asia/Urumqi")).toBe("3月1日 07:05");
  });

  it("says 今天, 明天 and 昨天 relative to the region's today", () => {
    const instant = new Date("2026-12-06T23:30:00Z");
    expect(dayAndTimeFrom("2026-12-07", instant, "Asia/Shanghai")).toBe("今天 07:30");
    expect(dayAndTimeFrom("2026-12-06", instant, "Asia/Shanghai")).toBe("明天 07:30");
    expect(dayAndTimeFrom("2026-12-08", instant, "Asia/Shanghai")).toBe("昨天 07:30");
    expect(dayAndTimeFrom("2026-12-20", instant, "Asia/Shanghai")).toBe("12月7日 07:30");
  });
});

import { describe, expect, it } from "vitest";
import { addDays, fromDbDate, toDbDate, todayIn } from "../../src/domain/calendar.js";

describe("date-only values", () => {
  it("takes today's date from the region's time zone, not the server's", () => {
    // 2026-11-22 17:30 UTC is already 01:30 on the 23rd in Shanghai.
    const instant = new Date("2026-11-22T17:30:00Z");
    expect(todayIn("Asia/Shanghai", instant)).toBe("2026-11-23");
    expect(todayIn("UTC", instant)).toBe("2026-11-22");
  });

  it("round-trips through the database's midnight-UTC representation without shifting a day", () => {
    expect(fromDbDate(toDbDate("2026-01-01"))).toBe("2026-01-01");
    expect(toDbDate("2026-01-01").toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("adds days across month and leap-year ends", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

import { describe, expect, it } from "vitest";
import { cycleContaining } from "../../src/credits/cycle.js";
import { addMonths, isDateOnly, previousDay } from "../../src/credits/dates.js";
import { isBetweenYears, yearEnd, yearKeyOf, yearLabel, yearScheme, yearStart } from "../../src/credits/years.js";

describe("date-only arithmetic", () => {
  it("validates calendar dates, leap years included", () => {
    expect(isDateOnly("2024-02-29")).toBe(true);
    expect(isDateOnly("2023-02-29")).toBe(false);
    expect(isDateOnly("2023-13-01")).toBe(false);
    expect(isDateOnly("2023-1-01")).toBe(false);
    expect(isDateOnly("2023-04-31")).toBe(false);
  });

  it("steps days and months without a Date object", () => {
    expect(previousDay("2026-01-01")).toBe("2025-12-31");
    expect(previousDay("2024-03-01")).toBe("2024-02-29");
    expect(addMonths("2024-09-01", 12)).toBe("2025-09-01");
    expect(addMonths("2024-08-31", 6)).toBe("2025-02-28");
  });

  it("finds the cycle containing a date from the anchor", () => {
    expect(cycleContaining("2021-01-01", "2021-01-01", 5)).toEqual({ start: "2021-01-01", end: "2025-12-31" });
    expect(cycleContaining("2025-12-31", "2021-01-01", 5)).toEqual({ start: "2021-01-01", end: "2025-12-31" });
    expect(cycleContaining("2020-12-31", "2021-01-01", 5)).toEqual({ start: "2016-01-01", end: "2020-12-31" });
    expect(cycleContaining("2018-08-31", "2017-09-01", 1)).toEqual({ start: "2017-09-01", end: "2018-08-31" });
    expect(cycleContaining("2018-09-01", "2017-09-01", 1)).toEqual({ start: "2018-09-01", end: "2019-08-31" });
  });

  it("labels calendar and training years", () => {
    const calendar = yearScheme(1, undefined);
    expect([yearKeyOf("2024-12-31", calendar), yearLabel(2024, calendar), yearStart(2024, calendar), yearEnd(2024, calendar)]).toEqual([
      2024,
      "2024年",
      "2024-01-01",
      "2024-12-31",
    ]);
    // 某区: July–May; June opens the next training year.
    const julyToMay = yearScheme(7, 5);
    expect(julyToMay.spanMonths).toBe(11);
    expect(yearKeyOf("2024-05-31", julyToMay)).toBe(2023);
    expect(yearKeyOf("2024-06-01", julyToMay)).toBe(2024);
    expect(isBetweenYears("2024-06-15", julyToMay)).toBe(true);
    expect(yearKeyOf("2024-07-01", julyToMay)).toBe(2024);
    expect([yearLabel(2023, julyToMay), yearStart(2023, julyToMay), yearEnd(2023, julyToMay)]).toEqual([
      "2023—2024学年度",
      "2023-06-01",
      "2024-05-31",
    ]);
    const schoolYear = yearScheme(9, undefined);
    expect([yearKeyOf("2025-08-31", schoolYear), yearStart(2024, schoolYear), yearEnd(2024, schoolYear)]).toEqual([2024, "2024-09-01", "2025-08-31"]);
  });
});

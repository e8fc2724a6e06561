import { describe, expect, it } from "vitest";
import type { CreditRecord } from "../../src/credits/types.js";
import { record, run } from "./support.js";

// Issue 14 §1: at 3 学时 = 1 学分 (云阳), 10 hours are 10/3 credits; rounding each record before summing made
// six of them 19.999998 credits and a full cycle "120 of 120, not met".

function yunyangCycle(): CreditRecord[] {
  const records: CreditRecord[] = [];
  for (let year = 2021; year <= 2025; year++) {
    for (let month = 1; month <= 6; month++) {
      records.push(record({ id: `${year}-c${month}`, date: `${year}-0${month}-15`, mode: "centralized", level: "county", hours: 10 }));
    }
    records.push(record({ id: `${year}-s`, date: `${year}-09-15`, mode: "school_based", level: "school", hours: 12 }));
  }
  return records;
}

describe("exact arithmetic at 3 学时 = 1 学分", () => {
  it("6 × 10 h county centralized plus 12 h a year meets the 云阳 cycle: 120 of 120, every year 24 of 24", () => {
    const evaluation = run("yunyang", yunyangCycle(), { asOf: "2025-12-31" });
    expect(evaluation.total).toEqual({ earned: 120, required: 120, met: true });
    expect(evaluation.met).toBe(true);
    expect(evaluation.floors.county_centralized).toEqual({ earned: 100, required: 20, met: true });
    for (const entry of evaluation.years) {
      expect(entry).toMatchObject({ earned: 24, required: 24, met: true, consequences: [] });
    }
    expect(evaluation.shortfalls).toEqual([]);
    expect(evaluation.consequences).toEqual([]);
    expect(evaluation.suggestions).toEqual([]);
    expect(evaluation.reason).not.toContain("还差");
  });

  it("one hour short of the cycle shows what is missing, never 还差 0", () => {
    const records = yunyangCycle().map((entry) => (entry.id === "2025-s" ? { ...entry, hours: 11 } : entry));
    const evaluation = run("yunyang", records, { asOf: "2025-12-31" });
    // 1 hour = 1/3 credit short: earned 119.67, missing shown rounded up to 0.34.
    expect(evaluation.total).toEqual({ earned: 119.67, required: 120, met: false });
    expect(evaluation.shortfalls).toContainEqual(expect.objectContaining({ key: "total", missing: 0.34 }));
    expect(evaluation.reason).toContain("还差 0.34 学分");
  });
});

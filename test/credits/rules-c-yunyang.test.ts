import { describe, expect, it } from "vitest";
import { describePolicy } from "../../src/credits/describe-policy.js";
import { PRESETS } from "../../src/credits/presets/index.js";
import { line, record, run, variant, year } from "./support.js";

// 云阳 (seed 002): ≥ 120 credits per 2021–2025 cycle, ≥ 20 from 县级及以上集中研修, yearly minimum not given
// (preset: 24 = 120 ÷ 5), conversion not given (preset: 3 h = 1 credit, from 360 h ↔ 120 credits).

describe("C. 云阳 preset", () => {
  it("C1 the 2021–2025 cycle needs 120 credits", () => {
    // 360 county 集中 hours ÷ 3 = 120 credits.
    const evaluation = run("yunyang", [record({ hours: 360 })], { asOf: "2023-05-01" });
    expect(evaluation.cycle).toEqual({ start: "2021-01-01", end: "2025-12-31", over: false });
    expect(evaluation.total).toEqual({ earned: 120, required: 120, met: true });
    expect(evaluation.met).toBe(true);
    // A date after 2025 belongs to the next five years.
    expect(run("yunyang", [], { asOf: "2026-03-01" }).cycle).toMatchObject({ start: "2026-01-01", end: "2030-12-31" });
  });

  it("C2 at least 20 credits from 集中研修 at county level or above", () => {
    // 60 集中 hours = 20 credits: at school level they do not reach the floor; at county level they do.
    // Online county training does not count toward it either.
    const schoolLevel = run("yunyang", [record({ level: "school", hours: 60 }), record({ mode: "online", hours: 60 })]);
    expect(schoolLevel.floors.county_centralized).toEqual({ earned: 0, required: 20, met: false });
    expect(schoolLevel.shortfalls).toContainEqual(expect.objectContaining({ rule: "C2", key: "floor:county_centralized", missing: 20 }));
    const countyLevel = run("yunyang", [record({ level: "county", hours: 60 })]);
    expect(countyLevel.floors.county_centralized).toEqual({ earned: 20, required: 20, met: true });
    const national = run("yunyang", [record({ level: "national", hours: 30 })]);
    expect(national.floors.county_centralized?.earned).toBe(10);
  });

  it("C3 each year has a minimum of 24 credits (derived 120 ÷ 5, marked configurable)", () => {
    // 2022: 72 h ÷ 3 = 24 → met. 2023: 69 h ÷ 3 = 23 → 1 credit short.
    const evaluation = run("yunyang", [record({ date: "2022-04-01", hours: 72 }), record({ date: "2023-04-01", hours: 69 })]);
    expect(year(evaluation, 2022)).toMatchObject({ unit: "credit", earned: 24, required: 24, met: true });
    expect(year(evaluation, 2023)).toMatchObject({ earned: 23, required: 24, met: false });
    expect(evaluation.shortfalls).toContainEqual(expect.objectContaining({ rule: "C3", key: "year", year: 2023, missing: 1, unit: "credit" }));
    expect(PRESETS.yunyang.annual?.configurableDefault).toContain("120 ÷ 5");
  });

  it("C4 consequences: a closed short year, a short cycle at its end, unfinished pre-service hours", () => {
    const evaluation = run("yunyang", [record({ date: "2022-04-01", hours: 72 })], { asOf: "2025-12-31" });
    // 2021 closed with 0 credits: every annual consequence applies.
    expect(year(evaluation, 2021).consequences.map((consequence) => consequence.code)).toEqual([
      "ANNUAL_CE_FAILED",
      "ANNUAL_APPRAISAL_FAILED",
      "NO_TITLE_PROMOTION",
      "NO_AWARDS",
      "NO_LICENCE_REGISTRATION",
    ]);
    expect(year(evaluation, 2021).consequences[3]).toEqual({ code: "NO_AWARDS", text: "不得评优评先", source: "C4" });
    expect(year(evaluation, 2022).consequences).toEqual([]);
    // The cycle ended 2025-12-31 with 24 of 120 credits: 本周期继续教育不合格, 不得续聘.
    expect(evaluation.cycle.over).toBe(true);
    expect(evaluation.consequences.map((consequence) => consequence.code)).toEqual(["CYCLE_CE_FAILED", "NOT_REHIRED"]);

    // Mid-year the shortfall is not final: no consequence yet, but the shortfall says what would follow.
    const midYear = run("yunyang", [record({ date: "2025-02-01", hours: 30 })], { asOf: "2025-06-30" });
    expect(year(midYear, 2025)).toMatchObject({ status: "in_progress", earned: 10, met: false, consequences: [] });
    const open = midYear.shortfalls.find((shortfall) => shortfall.year === 2025);
    expect(open).toMatchObject({ final: false, missing: 14 });
    expect(open?.consequences.map((consequence) => consequence.code)).toContain("NO_TITLE_PROMOTION");
    expect(midYear.consequences).toEqual([]);

    // With a pre-service requirement configured (the seed gives none), missing it past the deadline: 不得转正定级.
    const withPreService = variant("yunyang", { preService: { ...PRESETS.yunyang.preService, requiredHours: 120 } });
    const newTeacher = run(withPreService, [record({ preService: true, hours: 60, date: "2024-10-01" })], {
      asOf: "2025-10-01",
      teacher: { id: "t2", hiredOn: "2024-09-01" },
    });
    expect(newTeacher.preService).toEqual({ hours: 60, required: 120, deadline: "2025-08-31", met: false });
    expect(newTeacher.consequences).toContainEqual({ code: "NOT_CONFIRMED", text: "不得转正定级", source: "C4" });
  });

  it("C5 the preset states its conversion rate and an operator can change it", () => {
    expect(PRESETS.yunyang.conversion?.hoursPerCredit).toEqual({ centralized: 3, online: 3, school_based: 3 });
    expect(PRESETS.yunyang.conversion?.configurableDefault).toContain("3 学时 = 1 学分");
    // 30 online hours: 10 credits at the preset's 3 h; 7.5 at a region's own 4 h.
    expect(line(run("yunyang", [record({ id: "x", mode: "online", hours: 30 })]), "x").counted).toBe(10);
    const fourHours = variant("yunyang", {
      conversion: { hoursPerCredit: { centralized: 4, online: 4, school_based: 4 }, source: "C5" },
    });
    expect(line(run(fourHours, [record({ id: "x", mode: "online", hours: 30 })]), "x").counted).toBe(7.5);
  });

  it("C6 shadowing days are kept as a rule for people, not arithmetic (out of engine scope)", () => {
    // The engine has no day-count ledger; the rule is shown to people by `credits explain`.
    expect(PRESETS.yunyang.notes).toContainEqual({ source: "C6", text: "新教师参加工作 1 年内到培训基地学校跟岗 15 天以上" });
    expect(describePolicy(PRESETS.yunyang)).toContain("跟岗 15 天以上〔C6〕");
  });
});

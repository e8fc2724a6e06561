import { describe, expect, it } from "vitest";
import { describePolicy } from "../../src/credits/describe-policy.js";
import { parsePolicy, PRO_RATING_DEFAULT_REASON } from "../../src/credits/policy-schema.js";
import { PRESET_NAMES, PRESETS } from "../../src/credits/presets/index.js";
import type { ProRatingMode } from "../../src/credits/vocabulary.js";
import { record, run, variant, year } from "./support.js";

/**
 * Teachers hired during a cycle (issue 14 §2). 博州's cycle 2021—2025 asks 90 credits: required 60, elective 10,
 * school_course 20, 集中 ≥ 25 and 信息技术融合 ≥ 10. The seeds are silent, so the rule is the policy's `proRating`.
 */

const AS_OF = "2025-12-31";
const withMode = (by: ProRatingMode) => variant("bozhou", { proRating: { by, source: "B1" } });
const hiredOn = (date: string) => ({ asOf: AS_OF, teacher: { id: "t", hiredOn: date } });

describe("pro-rating the cycle for a teacher hired during it", () => {
  // Hired in August of each year of the cycle: years of service counted whole, months counted whole.
  const cases: [hired: string, years: number, months: number, byYears: number, byMonths: number][] = [
    ["2021-08-15", 5, 53, 90, 79.5],
    ["2022-08-15", 4, 41, 72, 61.5],
    ["2023-08-15", 3, 29, 54, 43.5],
    ["2024-08-15", 2, 17, 36, 25.5],
    ["2025-08-15", 1, 5, 18, 7.5],
  ];

  it.each(cases)("hired %s: by years %i of 5, by months %i of 60", (hired, years, months, byYears, byMonths) => {
    const none = run(withMode("none"), [], hiredOn(hired));
    expect(none.total).toEqual({ earned: 0, required: 90, met: false });
    expect(none.proRating).toBeUndefined();

    const yearly = run(withMode("years"), [], hiredOn(hired));
    expect(yearly.total.required).toBe(byYears);
    if (years === 5) expect(yearly.proRating).toBeUndefined();
    else expect(yearly.proRating).toEqual({ by: "years", hiredOn: hired, served: years, of: 5, source: "B1" });

    const monthly = run(withMode("months"), [], hiredOn(hired));
    expect(monthly.total).toEqual({ earned: 0, required: byMonths, met: false, fullRequired: 90 });
    expect(monthly.proRating).toEqual({ by: "months", hiredOn: hired, served: months, of: 60, source: "B1" });
  });

  it("pro-rates category minimums and cycle floors too, rounded down to the hundredth", () => {
    const evaluation = run(withMode("months"), [], hiredOn("2025-08-15"));
    // 5 of 60 months: 60 → 5, 10 → 0.83, 20 → 1.66, 25 → 2.08, 10 → 0.83.
    expect(evaluation.categories).toEqual({
      required: { earned: 0, required: 5, met: false, fullRequired: 60 },
      elective: { earned: 0, required: 0.83, met: false, fullRequired: 10 },
      school_course: { earned: 0, required: 1.66, met: false, fullRequired: 20 },
    });
    expect(evaluation.floors).toEqual({
      centralized: { earned: 0, required: 2.08, met: false, fullRequired: 25 },
      it_integration: { earned: 0, required: 0.83, met: false, fullRequired: 10 },
    });
    expect(evaluation.shortfalls.find((shortfall) => shortfall.key === "total")).toMatchObject({ missing: 7.5 });
  });

  it("a teacher hired in August of the cycle's last year who trained that year has met the cycle (by years, the default)", () => {
    // 40 h 集中 = 10, 20 h online 信息技术融合 = 4 required; 10 h online elective = 2; 20 h 校本 = 4: 20 credits.
    const records = [
      record({ date: "2025-09-10", mode: "centralized", category: "required", hours: 40 }),
      record({ date: "2025-10-10", mode: "online", category: "required", tags: ["it_integration"], hours: 20 }),
      record({ date: "2025-10-20", mode: "online", category: "elective", hours: 10 }),
      record({ date: "2025-11-10", mode: "school_based", category: "school_course", hours: 20 }),
    ];
    const evaluation = run("bozhou", records, { asOf: "2025-11-25", teacher: { id: "t", hiredOn: "2025-08-15" } });
    expect(evaluation.total).toEqual({ earned: 20, required: 18, met: true, fullRequired: 90 });
    expect(evaluation.met).toBe(true);
    expect(evaluation.shortfalls).toEqual([]);
    expect(evaluation.reason).toBe("本周期要求已全部完成：共 20 学分（要求 18 学分）。");
    // Annual rules are not pro-rated: the year of hiring has no minimum, earlier years are not listed (B5).
    expect(evaluation.years.map((entry) => [entry.year, entry.required])).toEqual([[2025, null]]);
    expect(year(evaluation, 2025).note).toBe("2025年8月15日入职，入职当年不设年度最低要求");
  });

  it("keeps pre-service hours outside the pro-rated cycle (A4)", () => {
    const evaluation = run("bozhou", [record({ id: "p", preService: true, hours: 120, date: "2025-08-20" })], hiredOn("2025-08-15"));
    expect(evaluation.total).toEqual({ earned: 0, required: 18, met: false, fullRequired: 90 });
    expect(evaluation.preService).toMatchObject({ hours: 120, required: 120, met: true });
  });

  it("asks the whole cycle when the teacher was hired before it, on its first day, or no hire date is known", () => {
    for (const fields of [hiredOn("2015-09-01"), hiredOn("2021-01-01"), { asOf: AS_OF, teacher: { id: "t" } }]) {
      const evaluation = run("bozhou", [], fields);
      expect(evaluation.total).toEqual({ earned: 0, required: 90, met: false });
      expect(evaluation.proRating).toBeUndefined();
    }
  });

  it("counts training years as the annual rule does (某区: July–May, June opens the next year)", () => {
    // Cycle 2021-06-01 … 2026-05-31 = training years 2021…2025; hired in June 2025 → training year 2025 only.
    const evaluation = run("district90", [], { asOf: "2026-05-31", teacher: { id: "t", hiredOn: "2025-06-15" } });
    expect(evaluation.total).toEqual({ earned: 0, required: 90, met: false, fullRequired: 450 });
    expect(evaluation.proRating).toMatchObject({ by: "years", served: 1, of: 5 });
    const monthly = run(variant("district90", { proRating: { by: "months", source: "E3" } }), [], {
      asOf: "2026-05-31",
      teacher: { id: "t", hiredOn: "2025-06-15" },
    });
    expect(monthly.total.required).toBe(90);
    expect(monthly.proRating).toMatchObject({ by: "months", served: 12, of: 60 });
  });

  it("is a policy field: every preset sets it, a policy file may leave it out and gets the marked default", () => {
    for (const name of PRESET_NAMES) {
      expect(PRESETS[name].proRating.configurableDefault).toBeDefined();
      expect(describePolicy(PRESETS[name])).toContain("周期中途入职：");
    }
    expect(PRESETS.bozhou.proRating).toEqual({ by: "years", source: "B1", configurableDefault: PRO_RATING_DEFAULT_REASON });
    expect(PRESETS["shandong-remote"].proRating.by).toBe("none");
    const { proRating: _omitted, ...withoutField } = PRESETS.yunyang;
    const parsed = parsePolicy(withoutField);
    expect(parsed.ok && parsed.value.proRating).toEqual({ by: "years", source: "A4", configurableDefault: PRO_RATING_DEFAULT_REASON });
    const invalid = parsePolicy({ ...PRESETS.yunyang, proRating: { by: "days", source: "C1" } });
    expect(invalid.ok).toBe(false);
    expect(describePolicy(PRESETS.bozhou)).toContain("周期中途入职：周期总要求、各类别和分项最低要求按本周期在职年数折算（入职当年算一整年）");
  });
});

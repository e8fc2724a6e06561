import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describePolicy } from "../../src/credits/describe-policy.js";
import { parsePolicy } from "../../src/credits/policy-schema.js";
import { PRESET_NAMES, PRESETS } from "../../src/credits/presets/index.js";
import { formatProblem } from "../../src/credits/problems.js";
import { line, record, run } from "./support.js";

const EXAMPLE = path.resolve(import.meta.dirname, "../../templates/policies/example-custom.json");

describe("policy schema", () => {
  it.each(PRESET_NAMES)("preset %s is a valid policy document that names its sources", (name) => {
    const parsed = parsePolicy(JSON.parse(JSON.stringify(PRESETS[name])));
    expect(parsed.ok).toBe(true);
    expect(PRESETS[name].id).toBe(name);
    expect(PRESETS[name].total.source).toMatch(/^[A-F]\d$/);
    expect(describePolicy(PRESETS[name])).toContain(`〔${PRESETS[name].total.source}`);
  });

  it("marks every value the seeds do not give as a configurable default", () => {
    expect(PRESETS.yunyang.conversion?.configurableDefault).toBeDefined();
    expect(PRESETS.yunyang.annual?.configurableDefault).toBeDefined();
    expect(PRESETS.bozhou.lecturerBonus?.configurableDefault).toContain("stacksWithGradeBonus");
    expect(PRESETS.bozhou.cycle.configurableDefault).toBeDefined();
    expect(PRESETS["shandong-remote"].total.configurableDefault).toBeDefined();
    expect(PRESETS.district90.total.configurableDefault).toContain("90 学时 × 5");
    // Values the seeds do state carry no such mark.
    expect(PRESETS.bozhou.total.configurableDefault).toBeUndefined();
    expect(PRESETS.bozhou.conversion?.configurableDefault).toBeUndefined();
  });

  it("rejects an invalid policy listing every problem by path", () => {
    const parsed = parsePolicy({
      ...PRESETS.bozhou,
      name: "",
      unit: "days",
      total: { required: -1, source: "B1" },
      categories: { required: { minimum: -5, source: "B2" } },
      overflow: [{ from: "required", to: ["elective", "required"], source: "B3" }],
      floors: [
        { id: "centralized", label: "集中", minimum: 25, match: { modes: ["bus"] }, source: "B2" },
        { id: "centralized", label: "again", minimum: 1.234, match: {}, source: "B2" },
      ],
      gradeBonus: { bands: [{ levels: ["county"], percent: {} }, { levels: ["county"], percent: {} }], source: "B6" },
      surprise: true,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        "name: must not be empty",
        "unit: must be one of: hour, credit",
        "total.required: must be ≥ 0",
        "categories.required.minimum: must be ≥ 0",
        "overflow[0].to[0]: category elective is not defined in categories",
        "overflow[0].to[1]: cannot overflow into itself",
        "floors[0] (id centralized): match.modes[0]: must be one of: centralized, online, school_based",
        "floors[1] (id centralized): minimum: must have at most two decimals",
        "floors[1] (id centralized): id: duplicate id",
        "gradeBonus.bands[1].levels: level county is already in an earlier band",
        "surprise: unknown field",
      ]),
    );
    expect(parsed.problems).toHaveLength(11);
  });

  it("rejects a credit policy whose assessment hours cannot be converted", () => {
    const parsed = parsePolicy({ ...PRESETS.lanxi, unit: "credit" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems.map(formatProblem)).toEqual([
        "assessments[0].mode: required when the policy counts credits (to convert the awarded hours)",
        "assessments[1].mode: conversion.hoursPerCredit.school_based is needed to convert the awarded hours",
      ]);
    }
  });

  it("refuses rates and bonus percentages that cannot be computed exactly together, naming the field", () => {
    // 10.31 and 2.06 h per credit need a unit of 1/(10⁶ × 2 × 10⁸): a cycle's sum would pass 2^53 and evaluate() throw.
    const rates = (centralized: number, online: number) => ({ ...PRESETS.bozhou.conversion, hoursPerCredit: { centralized, online, school_based: 5 } });
    const oddRates = parsePolicy({ ...PRESETS.bozhou, conversion: rates(10.31, 2.06) });
    expect(oddRates.ok).toBe(false);
    if (!oddRates.ok) {
      expect(oddRates.problems.map(formatProblem)).toEqual([
        "conversion.hoursPerCredit: these rates cannot be computed exactly together; use rates with fewer decimals",
      ]);
    }
    // 2.06 alone is fine without bonuses, not with 博州's 5/10/15 % and 100/200 % on top.
    expect(parsePolicy({ ...PRESETS.bozhou, conversion: rates(2.06, 5), gradeBonus: undefined, lecturerBonus: undefined }).ok).toBe(true);
    const withBonuses = parsePolicy({ ...PRESETS.bozhou, conversion: rates(2.06, 5) });
    expect(withBonuses.ok).toBe(false);
    if (!withBonuses.ok) {
      expect(withBonuses.problems.map(formatProblem)).toEqual([
        "gradeBonus: these bonus percentages cannot be computed exactly together with conversion.hoursPerCredit; use percentages with fewer decimals",
      ]);
    }
  });

  it("evaluates an accepted policy at its finest unit up to every hour a cycle has, exactly", () => {
    // 3.3 and 2.5 h per credit with 博州's bonuses: the finest unit the schema lets through with them.
    const parsed = parsePolicy({ ...PRESETS.bozhou, conversion: { ...PRESETS.bozhou.conversion, hoursPerCredit: { centralized: 3.3, online: 2.5, school_based: 5 } } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Five years of every hour (5 × 366 × 24 = 43,920), as national lecturer records with the 200 % bonus.
    const records = [2021, 2022, 2023, 2024, 2025].map((year) =>
      record({ id: `y${year}`, date: `${year}-06-01`, mode: "online", level: "national", role: "lecturer", hours: 8784 }),
    );
    const evaluation = run(parsed.value, records, { asOf: "2025-12-31" });
    // 8,784 h ÷ 2.5 = 3,513.6 credits, × 3 with the lecturer bonus = 10,540.8 a year; the annual rule counts hours.
    expect(evaluation.total.earned).toBe(52704);
    expect(evaluation.years.map((year) => year.earned)).toEqual([8784, 8784, 8784, 8784, 8784]);
  });

  it("the example custom policy file is valid and evaluates", () => {
    const parsed = parsePolicy(JSON.parse(readFileSync(EXAMPLE, "utf8")));
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join("\n"));
    // 36 provincial 集中 hours ÷ 3 = 12 credits, excellent +10 % → 13.2; the provincial floor of 12 is met.
    const evaluation = run(parsed.value, [record({ id: "x", hours: 36, level: "provincial", result: "excellent" })], { asOf: "2023-06-30" });
    expect(evaluation.policy).toBe("example-county");
    expect(line(evaluation, "x").counted).toBe(13.2);
    expect(evaluation.floors.provincial_centralized).toEqual({ earned: 13.2, required: 12, met: true });
  });

  it("defaultModes names a level's usual mode for what-if questions, and explain says it", () => {
    const parsed = parsePolicy({ ...PRESETS.bozhou, defaultModes: { county: "centralized", school: "school_based" } });
    expect(parsed.ok && parsed.value.defaultModes).toEqual({ county: "centralized", school: "school_based" });
    if (parsed.ok) expect(describePolicy(parsed.value)).toContain("通常的培训形式（问测算时没说形式就按它算）：县级培训通常为集中培训；校级培训通常为校本研修");
    expect(PRESETS.bozhou.defaultModes).toEqual({});
    expect(parsePolicy({ ...PRESETS.bozhou, defaultModes: { county: "lecture" } }).ok).toBe(false);
  });
});

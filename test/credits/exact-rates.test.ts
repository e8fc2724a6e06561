import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDate } from "../../src/credits/dates.js";
import { evaluate } from "../../src/credits/evaluate.js";
import { parsePolicy, type Policy } from "../../src/credits/policy-schema.js";
import type { Parsed } from "../../src/credits/problems.js";
import { PRESET_NAMES, PRESETS, type PresetName } from "../../src/credits/presets/index.js";
import type { CreditRecord, Evaluation, EvaluationInput } from "../../src/credits/types.js";
import { CATEGORIES, LEVELS, MODES, ROLES } from "../../src/credits/vocabulary.js";
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

// Properties at rates a policy may set (hours per credit with two decimals, p/100 for p in 50..2000, up to
// three different rates), for every preset and only as the policy schema accepts them (rates that together
// need a unit beyond exact JS integers are refused there, see policy-schema.test.ts): the verdict and the
// displayed numbers agree, and how hours are split across records or ordered never changes a total.

const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((value) => value / 100);

const entry = fc.record({
  year: fc.integer({ min: 2016, max: 2026 }),
  month: fc.integer({ min: 1, max: 12 }),
  mode: fc.constantFrom(...MODES),
  category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
  level: fc.constantFrom(...LEVELS),
  hours: cents(40),
  result: fc.constantFrom("pass", "good", "excellent"),
  role: fc.constantFrom(...ROLES),
  tags: fc.subarray(["it_integration", "public_subject"]),
});
type Entry = typeof entry extends fc.Arbitrary<infer T> ? T : never;

function toRecord(fields: Entry, id: string, hours = fields.hours): CreditRecord {
  const { year, month, ...rest } = fields;
  return { ...rest, id, date: makeDate(year, month, 15), hours, approved: true };
}

const rateInHundredths = fc.integer({ min: 50, max: 2000 });

/** The preset with every conversion rate replaced, and no fixed per-training credits (those do not split). */
function atRates(name: PresetName, rates: readonly number[]): Parsed<Policy> {
  const preset = PRESETS[name];
  const conversion = preset.conversion;
  const hoursPerCredit = Object.fromEntries(Object.keys(conversion?.hoursPerCredit ?? {}).map((mode, index) => [mode, (rates[index % rates.length] ?? 100) / 100]));
  return parsePolicy({ ...preset, fixedCredits: [], ...(conversion === undefined ? {} : { conversion: { ...conversion, hoursPerCredit } }) });
}

/** A preset at random rates, drawn only among the policies the schema accepts. */
const acceptedPolicy = fc
  .tuple(fc.constantFrom(...PRESET_NAMES), fc.array(rateInHundredths, { minLength: 1, maxLength: 3 }))
  .map(([name, rates]) => atRates(name, rates))
  .filter((parsed): parsed is Extract<Parsed<Policy>, { ok: true }> => parsed.ok)
  .map((parsed) => parsed.value);

function exactInput(records: readonly CreditRecord[]): EvaluationInput {
  return { asOf: "2024-06-30", teacher: { id: "t", hiredOn: "2010-09-01" }, records };
}

function missingFor(evaluation: Evaluation, key: string, yearKey?: number): number {
  return evaluation.shortfalls.find((shortfall) => shortfall.key === key && shortfall.year === yearKey)?.missing ?? 0;
}

function totals(evaluation: Evaluation): unknown {
  // Years without their lists of uncertified record ids, which name the parts.
  const years = evaluation.years.map(({ uncertified: _ids, ...yearTally }) => yearTally);
  return { total: evaluation.total, categories: evaluation.categories, floors: evaluation.floors, years, shortfalls: evaluation.shortfalls };
}

describe("exact arithmetic at random rates, every preset", () => {
  it("met ⇔ the displayed missing amount is 0, and a displayed earned amount reaches its requirement only when met", () => {
    fc.assert(
      fc.property(acceptedPolicy, fc.array(entry, { maxLength: 30 }), (policy, entries) => {
        const evaluation = evaluate(policy, exactInput(entries.map((fields, index) => toRecord(fields, `r${index}`))));
        expect(evaluation.total.met).toBe(missingFor(evaluation, "total") === 0);
        expect(evaluation.total.met).toBe(evaluation.total.earned >= evaluation.total.required);
        for (const [id, tally] of Object.entries(evaluation.floors)) {
          expect(tally.met).toBe(missingFor(evaluation, `floor:${id}`) === 0);
          expect(tally.met).toBe(tally.earned >= tally.required);
        }
        for (const [category, tally] of Object.entries(evaluation.categories)) {
          expect(tally.met).toBe(missingFor(evaluation, `category:${category}`) === 0);
        }
        for (const yearTally of evaluation.years) {
          if (yearTally.required === null) continue;
          const yearMissing = missingFor(evaluation, "year", yearTally.year);
          expect(yearMissing === 0).toBe(yearTally.earned >= yearTally.required);
          for (const [id, tally] of Object.entries(yearTally.floors ?? {})) {
            expect(tally.met).toBe(missingFor(evaluation, `year-floor:${id}`, yearTally.year) === 0);
          }
        }
      }),
      { seed: 1401, numRuns: 200 },
    );
  });

  it("splitting a record's hours into parts, or reordering the records, never changes a total", () => {
    fc.assert(
      fc.property(
        acceptedPolicy,
        fc.array(entry, { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 5 }),
        (policy, entries, weights) => {
          const records = entries.map((fields, index) => toRecord(fields, `r${index}`));
          // The first record's hours (in cents) split in proportion to the weights, the last part taking the rest.
          const first = entries[0] as Entry;
          const hundredths = Math.round(first.hours * 100);
          const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
          const parts = weights.map((weight) => Math.floor((hundredths * weight) / weightSum));
          parts[parts.length - 1] = hundredths - parts.slice(0, -1).reduce((sum, part) => sum + part, 0);
          const split = [...parts.map((part, index) => toRecord(first, `r0-${index}`, part / 100)), ...records.slice(1)];
          const whole = evaluate(policy, exactInput(records));
          expect(totals(evaluate(policy, exactInput(split)))).toEqual(totals(whole));
          expect(totals(evaluate(policy, exactInput([...split].reverse())))).toEqual(totals(whole));
        },
      ),
      { seed: 1402, numRuns: 200 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDate } from "../../src/credits/dates.js";
import { evaluate } from "../../src/credits/evaluate.js";
import { PRESET_NAMES, PRESETS } from "../../src/credits/presets/index.js";
import type { CreditRecord, Evaluation, EvaluationInput } from "../../src/credits/types.js";
import { CATEGORIES, LEVELS, MODES, RESULTS, ROLES } from "../../src/credits/vocabulary.js";

// Properties over random ledgers for every preset. asOf is fixed mid-2024 so cycles, years in progress,
// records after asOf and records outside the cycle all occur.
const AS_OF = "2024-06-30";

const date = fc
  .record({ year: fc.integer({ min: 2016, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => makeDate(year, month, day));

const halfHours = (max: number) => fc.integer({ min: 0, max: max * 2 }).map((value) => value / 2);

const recordFields = fc.record({
  date,
  mode: fc.constantFrom(...MODES),
  category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
  tags: fc.subarray(["it_integration", "public_subject", "remote_training"]),
  level: fc.constantFrom(...LEVELS),
  amount: fc.oneof(
    fc.record({ hours: halfHours(60), leave: halfHours(10) }),
    fc.record({ credits: fc.integer({ min: 0, max: 300 }).map((value) => value / 10) }),
  ),
  result: fc.constantFrom(...RESULTS),
  role: fc.constantFrom(...ROLES),
  approved: fc.boolean(),
  preService: fc.boolean(),
});

type Fields = typeof recordFields extends fc.Arbitrary<infer T> ? T : never;

function toRecord(fields: Fields, id: string): CreditRecord {
  const amount =
    "hours" in fields.amount
      ? { hours: fields.amount.hours, leaveHours: Math.min(fields.amount.leave, fields.amount.hours) }
      : { credits: fields.amount.credits };
  return {
    id,
    date: fields.date,
    mode: fields.mode,
    category: fields.category,
    tags: fields.tags,
    level: fields.level,
    ...amount,
    result: fields.result,
    role: fields.role,
    approved: fields.approved,
    preService: fields.preService,
  };
}

const ledger = fc.array(recordFields, { maxLength: 40 }).map((list) => list.map((fields, index) => toRecord(fields, `r${index}`)));
const presetName = fc.constantFrom(...PRESET_NAMES);

function inputOf(records: readonly CreditRecord[]): EvaluationInput {
  return { asOf: AS_OF, teacher: { id: "t", hiredOn: "2010-09-01" }, records };
}

/** Every number that must not go down when a counting record is added. */
function earnedAmounts(evaluation: Evaluation): number[] {
  return [
    evaluation.total.earned,
    ...Object.values(evaluation.categories).map((tally) => tally.earned),
    ...Object.values(evaluation.floors).map((tally) => tally.earned),
    ...evaluation.years.map((entry) => entry.earned),
    ...evaluation.years.flatMap((entry) => Object.values(entry.floors ?? {}).map((tally) => tally.earned)),
  ];
}

function withoutRecord(evaluation: Evaluation, id: string): Evaluation {
  return { ...evaluation, records: evaluation.records.filter((entry) => entry.id !== id) };
}

describe("properties", () => {
  it("the result does not depend on record order", () => {
    fc.assert(
      fc.property(
        presetName,
        ledger.chain((records) => fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length }))),
        (name, [records, shuffled]) => {
          expect(evaluate(PRESETS[name], inputOf(shuffled))).toEqual(evaluate(PRESETS[name], inputOf(records)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("adding a passing approved record never lowers any total", () => {
    fc.assert(
      fc.property(presetName, ledger, recordFields, fc.constantFrom("pass", "good", "excellent"), (name, records, fields, result) => {
        const extra = toRecord({ ...fields, result, approved: true, preService: false }, "extra");
        const before = earnedAmounts(evaluate(PRESETS[name], inputOf(records)));
        const after = earnedAmounts(evaluate(PRESETS[name], inputOf([...records, extra])));
        expect(after).toHaveLength(before.length);
        after.forEach((amount, index) => expect(amount).toBeGreaterThanOrEqual(before[index] ?? 0));
      }),
      { numRuns: 200 },
    );
  });

  it("a failed or unapproved record changes nothing but its own line", () => {
    fc.assert(
      fc.property(presetName, ledger, recordFields, fc.boolean(), (name, records, fields, failInsteadOfUnapproved) => {
        const extra = toRecord(failInsteadOfUnapproved ? { ...fields, result: "fail" } : { ...fields, approved: false }, "extra");
        const before = evaluate(PRESETS[name], inputOf(records));
        const after = evaluate(PRESETS[name], inputOf([...records, extra]));
        expect(withoutRecord(after, "extra")).toEqual(before);
        expect(after.records.find((entry) => entry.id === "extra")?.counted).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("evaluate is deterministic", () => {
    fc.assert(
      fc.property(presetName, ledger, (name, records) => {
        expect(JSON.stringify(evaluate(PRESETS[name], inputOf(records)))).toBe(JSON.stringify(evaluate(PRESETS[name], inputOf(records))));
      }),
      { numRuns: 100 },
    );
  });

  it("records' counted amounts add up to the total within display rounding", () => {
    // Each line is rounded to 0.01 on its own, the total once (and kept 0.01 below an unmet requirement):
    // they may differ by 0.005 per line and 0.01 more at most.
    fc.assert(
      fc.property(presetName, ledger, (name, records) => {
        const evaluation = evaluate(PRESETS[name], inputOf(records));
        const sum = [...evaluation.records, ...evaluation.assessments].reduce((total, entry) => total + entry.counted, 0);
        expect(Math.abs(sum - evaluation.total.earned)).toBeLessThanOrEqual(0.005 * evaluation.records.length + 0.01 + 1e-9);
      }),
      { numRuns: 100 },
    );
  });
});

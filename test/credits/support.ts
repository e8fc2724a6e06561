import { evaluate } from "../../src/credits/evaluate.js";
import { parsePolicy, type Policy, type PolicyInput } from "../../src/credits/policy-schema.js";
import { PRESETS, type PresetName } from "../../src/credits/presets/index.js";
import type { CreditRecord, Evaluation, EvaluationInput } from "../../src/credits/types.js";

/** Test helpers: a passing, approved, county-level record unless a test says otherwise. */

let counter = 0;

export function record(fields: Partial<CreditRecord> = {}): CreditRecord {
  counter += 1;
  return {
    id: `r${counter}`,
    date: "2022-05-10",
    mode: "centralized",
    category: "required",
    level: "county",
    hours: 40,
    result: "pass",
    approved: true,
    ...fields,
  };
}

export function input(records: readonly CreditRecord[], fields: Partial<EvaluationInput> = {}): EvaluationInput {
  return { asOf: "2025-12-31", teacher: { id: "t1", hiredOn: "2015-09-01" }, records, ...fields };
}

export function run(preset: PresetName | Policy, records: readonly CreditRecord[], fields: Partial<EvaluationInput> = {}): Evaluation {
  const policy = typeof preset === "string" ? PRESETS[preset] : preset;
  return evaluate(policy, input(records, fields));
}

/** A preset with some fields replaced, validated like a policy file. */
export function variant(preset: PresetName, changes: Partial<PolicyInput>): Policy {
  const parsed = parsePolicy({ ...PRESETS[preset], ...changes });
  if (!parsed.ok) throw new Error(parsed.problems.map((problem) => `${problem.where}: ${problem.message}`).join("\n"));
  return parsed.value;
}

export function line(evaluation: Evaluation, id: string) {
  const found = evaluation.records.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no record ${id}`);
  return found;
}

export function year(evaluation: Evaluation, key: number) {
  const found = evaluation.years.find((entry) => entry.year === key);
  if (found === undefined) throw new Error(`no year ${key}`);
  return found;
}

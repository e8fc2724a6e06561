import { describe, expect, it } from "vitest";
import { parseEvaluationInput } from "../../src/credits/input-schema.js";
import { formatProblem } from "../../src/credits/problems.js";

const validRecord = { id: "r1", date: "2021-07-10", mode: "centralized", level: "county", hours: 40, result: "pass", approved: true };

function problemsOf(document: unknown): string[] {
  const parsed = parseEvaluationInput(document);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

describe("evaluation input validation", () => {
  it("accepts the contract's example shape", () => {
    const parsed = parseEvaluationInput({
      asOf: "2025-12-31",
      teacher: { id: "t1", hiredOn: "2015-09-01" },
      cycle: { start: "2021-01-01", end: "2025-12-31" },
      records: [{ ...validRecord, title: "信息技术专题", category: "required", tags: ["it_integration"], leaveHours: 0, role: "participant", preService: false }],
      assessments: [{ id: "a1", kind: "teacher_semester", term: "2024-autumn", date: "2024-12-30", score: 65 }],
      degreeUpgrade: { approved: true, completedOn: "2024-06-30", relatedSubject: true },
    });
    expect(parsed.ok).toBe(true);
  });

  it("names the record and field of every problem", () => {
    const { hours: _hours, ...withoutHours } = validRecord;
    expect(
      problemsOf({
        asOf: "2025-02-30",
        teacher: { id: "t1" },
        cycle: { start: "2025-01-01", end: "2021-12-31" },
        records: [validRecord, { ...validRecord, id: "r2", mode: "bus" }, { ...withoutHours, id: "r3" }, { ...validRecord, leaveHours: 50 }],
      }),
    ).toEqual([
      "asOf: must be a date YYYY-MM-DD",
      "records[1] (id r2): mode: must be one of: centralized, online, school_based",
      "records[2] (id r3): hours: required (or credits, for a credit-registered record)",
      "records[3] (id r1): leaveHours: must not exceed hours (40)",
      "cycle.end: must not be before cycle.start",
      "records[3] (id r1): id: duplicate id (also records[0])",
    ]);
  });

  it("reports a missing list, a wrong type and an unknown field", () => {
    expect(problemsOf({ asOf: "2025-01-01", teacher: { id: "t1" } })).toEqual(["records: required"]);
    expect(problemsOf({ asOf: "2025-01-01", teacher: { id: "t1" }, records: [{ ...validRecord, hours: "40", hour: 4 }] })).toEqual([
      "records[0] (id r1): hours: must be a number",
      "records[0] (id r1): hour: unknown field",
    ]);
    expect(problemsOf([])).toEqual(["must be an object"]);
  });
});

import { describe, expect, it } from "vitest";
import { schoolAssessmentScore, teacherAssessmentScore } from "../../src/credits/assessment-score.js";
import { describePolicy } from "../../src/credits/describe-policy.js";
import { PRESETS } from "../../src/credits/presets/index.js";
import type { AssessmentResult } from "../../src/credits/types.js";
import { line, record, run } from "./support.js";

// 兰西 (seed 004): hours, ≥ 360 per five-year cycle (preset anchored on school years from 2021-09-01);
// 教师考核 ≥ 60 points → 24 hours, 校本培训考核 ≥ 80 points → 12 hours.

function assessment(fields: Partial<AssessmentResult>): AssessmentResult {
  return { id: "a1", kind: "teacher_semester", term: "2024-autumn", date: "2024-12-30", score: 65, ...fields };
}

describe("D. 兰西 preset", () => {
  it("D1 the cycle needs 360 hours", () => {
    const met = run("lanxi", [record({ date: "2022-10-01", hours: 200 }), record({ date: "2023-10-01", mode: "online", hours: 160 })], { asOf: "2025-06-30" });
    expect(met.unit).toBe("hour");
    expect(met.cycle).toMatchObject({ start: "2021-09-01", end: "2026-08-31" });
    expect(met.total).toEqual({ earned: 360, required: 360, met: true });
    const short = run("lanxi", [record({ date: "2022-10-01", hours: 359.5 })], { asOf: "2025-06-30" });
    expect(short.shortfalls).toContainEqual(expect.objectContaining({ rule: "D1", key: "total", missing: 0.5, unit: "hour" }));
  });

  it("D2 a semester teacher assessment of 60 or more is certified as 24 hours", () => {
    const evaluation = run("lanxi", [], {
      asOf: "2025-06-30",
      assessments: [
        assessment({ id: "autumn", score: 65 }),
        assessment({ id: "spring", term: "2025-spring", date: "2025-06-20", score: 59 }),
      ],
    });
    expect(evaluation.assessments).toEqual([
      expect.objectContaining({ id: "autumn", status: "awarded", hours: 24, counted: 24 }),
      expect.objectContaining({ id: "spring", status: "below_threshold", hours: 0, counted: 0 }),
    ]);
    expect(evaluation.assessments[0]?.explain).toBe("2024年秋季学期教师考核 65 分（60 分及以上合格），认定 24 学时");
    expect(evaluation.assessments[1]?.explain).toContain("未达到 60 分");
    expect(evaluation.total.earned).toBe(24);

    // Scored twice in one term: the better score is certified once (24, not 48).
    const twice = run("lanxi", [], {
      asOf: "2025-06-30",
      assessments: [assessment({ id: "first", score: 62 }), assessment({ id: "retake", score: 80, date: "2025-01-05" })],
    });
    expect(twice.total.earned).toBe(24);
    expect(twice.assessments.find((entry) => entry.id === "first")?.status).toBe("superseded");

    // The score sheet: 3 items × 20 + helped once (+5) = 65 ≥ 60.
    expect(teacherAssessmentScore(PRESETS.lanxi, "teacher_semester", ["reflection", "lesson_review", "platform_hours"], 1)).toBe(65);
    expect(teacherAssessmentScore(PRESETS.lanxi, "teacher_semester", ["reflection", "lesson_review"], 3)).toBe(55);
  });

  it("D3 a school-based assessment of 80 or more is certified as 12 hours", () => {
    const evaluation = run("lanxi", [], {
      asOf: "2025-06-30",
      assessments: [
        assessment({ id: "pass", kind: "school_based", score: 80 }),
        assessment({ id: "low", kind: "school_based", term: "2025-spring", date: "2025-06-01", score: 79 }),
      ],
    });
    expect(evaluation.assessments.map((entry) => [entry.id, entry.counted])).toEqual([
      ["pass", 12],
      ["low", 0],
    ]);
    expect(evaluation.total.earned).toBe(12);
  });

  it("D4 the 10 platform hours are one scored item and count as online hours", () => {
    const item = PRESETS.lanxi.assessments[0]?.items.find((entry) => entry.key === "platform_hours");
    expect(item).toMatchObject({ points: 20, label: "国家中小学智慧教育平台 10 学时证书" });
    const evaluation = run("lanxi", [record({ id: "platform", mode: "online", hours: 10, date: "2024-09-30" })], { asOf: "2025-06-30" });
    expect(line(evaluation, "platform")).toMatchObject({ counted: 10, explain: "线上研修 10 学时" });
  });

  it("D5 the school assessment: items + average teacher score × 0.6 + bonuses", () => {
    // 4 items × 10 = 40; average 75 × 0.6 = 45; 2 hosted events × 2 = 4; 3 staff lent × 1 = 3 → 92.
    const score = schoolAssessmentScore(PRESETS.lanxi, {
      items: { plan_and_summary: 10, centralized_participation: 10, outsourced_tasks: 10, materials_reported: 10 },
      averageTeacherScore: 75,
      bonusCounts: { hosted_event: 2, staff_lent: 3 },
    });
    expect(score).toBe(92);
    // An item cannot give more than its maximum: 12 given for a 10-point item counts 10; 66.5 × 0.6 = 39.9.
    expect(schoolAssessmentScore(PRESETS.lanxi, { items: { plan_and_summary: 12 }, averageTeacherScore: 66.5 })).toBe(49.9);
  });

  it("D6 monthly school-based themes are broadcasts, outside the engine", () => {
    // Nothing to compute: the preset carries the rule as a note for the broadcast feature.
    expect(PRESETS.lanxi.notes.map((note) => note.source)).toContain("D6");
  });

  it("D7 minimum lengths are policy data the bot can quote when reminding", () => {
    const items = PRESETS.lanxi.assessments[0]?.items ?? [];
    expect(items.map((item) => [item.key, item.minChars])).toEqual([
      ["reflection", 1000],
      ["lesson_review", 800],
      ["platform_hours", undefined],
      ["teaching_design", undefined],
      ["activity_reflection", 800],
    ]);
    expect(describePolicy(PRESETS.lanxi)).toContain("集中培训心得体会 20 分（不少于 1000 字）");
  });
});

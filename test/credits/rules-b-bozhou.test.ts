import { describe, expect, it } from "vitest";
import { checkGradeQuota } from "../../src/credits/grade-quota.js";
import { PRESETS } from "../../src/credits/presets/index.js";
import type { CreditRecord } from "../../src/credits/types.js";
import type { Result } from "../../src/credits/vocabulary.js";
import { line, record, run, variant, year } from "./support.js";

// 博州 (seed 000 plan 3): 90 credits; required 60 (集中 ≥ 25, 信息技术融合 ≥ 10), elective 10, school 20;
// 集中 4 h = 1 credit, online / school-based 5 h = 1 credit. County-level "pass" records carry no bonus.

/** Exactly the B2 structure: 25 + 25 + 10 required, 10 elective, 20 school → 90 credits. */
function fullStructure(schoolHours = 100): CreditRecord[] {
  return [
    record({ id: "central", hours: 100 }), // 100 ÷ 4 = 25
    record({ id: "it", hours: 100, tags: ["it_integration"] }), // 100 ÷ 4 = 25
    record({ id: "online", mode: "online", hours: 50 }), // 50 ÷ 5 = 10
    record({ id: "elective", mode: "online", category: "elective", hours: 50 }), // 10
    record({ id: "school", mode: "school_based", category: "school_course", hours: schoolHours }), // 100 ÷ 5 = 20
  ];
}

describe("B. 博州 preset", () => {
  it("B1 the cycle is met at exactly 90 credits and short at 89.8", () => {
    const met = run("bozhou", fullStructure());
    expect(met.total).toEqual({ earned: 90, required: 90, met: true });
    expect(met.met).toBe(true);

    // One school-based hour less: 99 ÷ 5 = 19.8 → total 89.8, 0.2 missing both in total (B1) and school_course (B2).
    const short = run("bozhou", fullStructure(99));
    expect(short.met).toBe(false);
    expect(short.shortfalls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: "B1", key: "total", missing: 0.2, unit: "credit" }),
        expect.objectContaining({ rule: "B2", key: "category:school_course", missing: 0.2 }),
      ]),
    );
  });

  it("B2 required credits without 集中 or 信息技术融合 training leave both floors open", () => {
    // 300 online required hours = 60 credits: the required category is full, but 集中 has 0 of 25 and IT 0 of 10.
    const evaluation = run("bozhou", [
      record({ id: "online", mode: "online", hours: 300 }),
      record({ id: "elective", mode: "online", category: "elective", hours: 50 }),
      record({ id: "school", mode: "school_based", category: "school_course", hours: 100 }),
    ]);
    expect(evaluation.categories.required).toMatchObject({ earned: 60, required: 60, met: true });
    expect(evaluation.floors).toEqual({
      centralized: { earned: 0, required: 25, met: false },
      it_integration: { earned: 0, required: 10, met: false },
    });
    expect(evaluation.met).toBe(false);
    expect(evaluation.shortfalls.filter((shortfall) => shortfall.key.startsWith("floor:"))).toEqual([
      expect.objectContaining({ rule: "B2", key: "floor:centralized", missing: 25 }),
      expect.objectContaining({ rule: "B2", key: "floor:it_integration", missing: 10 }),
    ]);
  });

  it("B3 required overflow covers elective and school_course", () => {
    // Required 320 集中 hours = 80 credits (20 above 60), of which 100 hours IT; no elective, no school course.
    // Excess 20 covers elective 10 then school_course 10 → every category met; total 80 < 90 is still short.
    const evaluation = run("bozhou", [record({ id: "central", hours: 220 }), record({ id: "it", hours: 100, tags: ["it_integration"] })]);
    expect(evaluation.categories.required).toEqual({ earned: 80, required: 60, met: true, lentToOthers: 20 });
    expect(evaluation.categories.elective).toEqual({ earned: 0, required: 10, met: true, coveredByOverflow: 10 });
    expect(evaluation.categories.school_course).toEqual({ earned: 0, required: 20, met: false, coveredByOverflow: 10 });
    expect(evaluation.shortfalls.find((shortfall) => shortfall.key === "category:school_course")?.missing).toBe(10);
    expect(evaluation.total).toEqual({ earned: 80, required: 90, met: false });
  });

  it("B3 nothing but required overflows: elective excess does not cover school_course", () => {
    // Required 60 (floors met), elective 150 online hours = 30 credits, school 0: total 90 but school_course 0 of 20.
    const evaluation = run("bozhou", [
      record({ id: "central", hours: 100 }),
      record({ id: "it", hours: 100, tags: ["it_integration"] }),
      record({ id: "online", mode: "online", hours: 50 }),
      record({ id: "elective", mode: "online", category: "elective", hours: 150 }),
    ]);
    expect(evaluation.total.met).toBe(true);
    expect(evaluation.categories.school_course).toEqual({ earned: 0, required: 20, met: false });
    expect(evaluation.met).toBe(false);
  });

  it("B4 conversion keeps fractions exactly: 10 集中 h = 2.5, 13 online h = 2.6, 7 school h = 1.4", () => {
    const evaluation = run("bozhou", [
      record({ id: "c", hours: 10 }),
      record({ id: "o", mode: "online", hours: 13 }),
      record({ id: "s", mode: "school_based", category: "school_course", hours: 7 }),
      record({ id: "tiny", mode: "online", hours: 1 }), // 0.2
      record({ id: "small", hours: 0.4 }), // 0.1
    ]);
    expect(line(evaluation, "c").counted).toBe(2.5);
    expect(line(evaluation, "o").explain).toBe("网络培训 13 学时 ÷ 5 = 2.6 学分");
    expect(line(evaluation, "s").counted).toBe(1.4);
    // 2.5 + 2.6 + 1.4 + 0.2 + 0.1 = 6.8, with no float drift (0.1 + 0.2 = 0.3 inside).
    expect(evaluation.total.earned).toBe(6.8);
  });

  it("B5 years report in hours against 72 while the cycle counts credits", () => {
    // 2022: 40 集中 + 32 online = 72 hours → met. 2023: 40 + 31 = 71 → 1 hour short, closed by 2025-12-31.
    const evaluation = run("bozhou", [
      record({ date: "2022-03-01", hours: 40 }),
      record({ date: "2022-09-01", mode: "online", hours: 32 }),
      record({ date: "2023-03-01", hours: 40 }),
      record({ date: "2023-09-01", mode: "online", hours: 31 }),
    ]);
    expect(year(evaluation, 2022)).toMatchObject({ unit: "hour", earned: 72, required: 72, met: true, status: "closed" });
    expect(year(evaluation, 2023)).toMatchObject({ unit: "hour", earned: 71, met: false, consequences: [] });
    expect(evaluation.shortfalls).toContainEqual(
      expect.objectContaining({ rule: "B5", key: "year", year: 2023, missing: 1, unit: "hour", final: true }),
    );
  });

  it("B5 years before hiring are not listed and the hiring year has no minimum (seed silent; pre-service comes first)", () => {
    const evaluation = run("bozhou", [record({ date: "2024-03-01", hours: 72 })], { asOf: "2025-06-30", teacher: { id: "t", hiredOn: "2023-09-01" } });
    expect(evaluation.years.map((entry) => [entry.year, entry.required])).toEqual([
      [2023, null],
      [2024, 72],
      [2025, 72],
    ]);
    expect(year(evaluation, 2023).note).toBe("2023年9月1日入职，入职当年不设年度最低要求");
    expect(year(evaluation, 2024).met).toBe(true);
  });

  it("B6 grade bonus by level band on top of base credits", () => {
    // Base 40 集中 h = 10 credits. 自治区级及以上: pass +5 %, good +10 %, excellent +15 %;
    // 州级及以下: pass 0, good +5 %, excellent +10 %.
    const cases: [string, "national" | "provincial" | "prefecture" | "county" | "school", Result, number][] = [
      ["nat-pass", "national", "pass", 10.5],
      ["prov-good", "provincial", "good", 11],
      ["prov-exc", "provincial", "excellent", 11.5],
      ["pref-pass", "prefecture", "pass", 10],
      ["county-good", "county", "good", 10.5],
      ["school-exc", "school", "excellent", 11],
    ];
    const evaluation = run("bozhou", cases.map(([id, level, result]) => record({ id, level, result })));
    for (const [id, , , counted] of cases) expect(line(evaluation, id).counted).toBe(counted);
    expect(line(evaluation, "prov-exc")).toMatchObject({ base: 10, bonus: 1.5 });
    expect(line(evaluation, "prov-exc").explain).toBe("集中培训 40 学时 ÷ 4 = 10 学分，自治区级优秀 +15% → 11.5 学分");
  });

  it("B7 lecturer bonus: +200 % provincial and above, +100 % below, not stacked with the grade bonus by default", () => {
    // 12 集中 h = 3 credits. Provincial lecturer: 3 + 6 = 9 (even when graded excellent); 州级 lecturer: 3 + 3 = 6.
    const lecturing = [
      record({ id: "prov", hours: 12, role: "lecturer", level: "provincial", result: "excellent" }),
      record({ id: "pref", hours: 12, role: "lecturer", level: "prefecture" }),
    ];
    const evaluation = run("bozhou", lecturing);
    expect(line(evaluation, "prov")).toMatchObject({ base: 3, bonus: 6, counted: 9 });
    expect(line(evaluation, "prov").explain).toBe("主讲集中培训 12 学时 ÷ 4 = 3 学分，自治区级主讲教师 +200% → 9 学分");
    expect(line(evaluation, "pref").counted).toBe(6);

    // With the flag on: 3 + 15 % of 3 (0.45) + 200 % of 3 (6) = 9.45.
    const stacking = variant("bozhou", { lecturerBonus: { ...PRESETS.bozhou.lecturerBonus!, stacksWithGradeBonus: true } });
    expect(line(run(stacking, lecturing), "prov")).toMatchObject({ bonus: 6.45, counted: 9.45 });
  });

  it("B8 grade quotas refuse more than 30 % good-or-better or 15 % excellent", () => {
    const grades = (excellent: number, good: number, total: number): Result[] => [
      ...Array<Result>(excellent).fill("excellent"),
      ...Array<Result>(good).fill("good"),
      ...Array<Result>(total - excellent - good).fill("pass"),
    ];
    // 20 participants: 30 % = 6 good-or-better, 15 % = 3 excellent.
    expect(checkGradeQuota(PRESETS.bozhou, grades(3, 3, 20)).ok).toBe(true);
    const tooManyGood = checkGradeQuota(PRESETS.bozhou, grades(3, 4, 20));
    expect(tooManyGood.ok).toBe(false);
    if (!tooManyGood.ok) expect(tooManyGood.message).toContain("良好及以上最多 6 人（30%），现有 7 人，超出 1 人");
    const tooManyExcellent = checkGradeQuota(PRESETS.bozhou, grades(4, 0, 20));
    expect(tooManyExcellent.ok).toBe(false);
    if (!tooManyExcellent.ok) expect(tooManyExcellent.message).toContain("优秀最多 3 人（15%），现有 4 人");
    // 10 participants: 15 % = 1.5 → at most 1 excellent. 3 participants: 30 % = 0.9 → no 良好 at all.
    expect(checkGradeQuota(PRESETS.bozhou, grades(1, 2, 10)).ok).toBe(true);
    expect(checkGradeQuota(PRESETS.bozhou, grades(2, 0, 10)).ok).toBe(false);
    expect(checkGradeQuota(PRESETS.bozhou, grades(0, 1, 3))).toMatchObject({ ok: false, limits: { goodOrBetter: { max: 0 } } });
    // A region without quotas accepts anything.
    expect(checkGradeQuota(PRESETS.yunyang, grades(3, 0, 3)).ok).toBe(true);
  });

  it("B9 an approved related degree finished in the cycle makes the cycle met", () => {
    const degree = { approved: true, completedOn: "2024-06-30", relatedSubject: true };
    const evaluation = run("bozhou", [record({ id: "x" })], { degreeUpgrade: degree });
    expect(evaluation.met).toBe(true);
    expect(evaluation.total.met).toBe(false);
    expect(evaluation.reason).toContain("视为本轮继续教育学分合格（B9）");
    expect(evaluation.shortfalls).toEqual([]);
    expect(evaluation.suggestions).toEqual([]);

    for (const [change, note] of [
      [{ approved: false }, "未经县级及以上教育行政部门批准"],
      [{ relatedSubject: false }, "不相同也不相近"],
      [{ completedOn: "2026-06-30" }, "尚未取得证书"],
      [{ completedOn: "2019-06-30" }, "不在本周期内"],
    ] as const) {
      const refused = run("bozhou", [], { degreeUpgrade: { ...degree, ...change } });
      expect(refused.met).toBe(false);
      expect(refused.notes.join("")).toContain(note);
    }
  });

  it("B10 the 集中 floor of 25 credits is 100 集中 hours", () => {
    // 100 h ÷ 4 = 25 → floor met exactly; 96 h = 24 → 1 credit missing, suggested as 4 集中 hours.
    expect(run("bozhou", [record({ hours: 100 })]).floors.centralized).toEqual({ earned: 25, required: 25, met: true });
    const short = run("bozhou", [record({ hours: 96 })], { asOf: "2025-06-30" });
    expect(short.floors.centralized).toEqual({ earned: 24, required: 25, met: false });
    expect(short.suggestions).toContain("还需集中培训 4 学时（必修中的集中培训还差 1 学分）");
  });
});

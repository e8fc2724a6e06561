import { describe, expect, it } from "vitest";
import { suggest } from "../../src/credits/suggest.js";
import { PRESETS } from "../../src/credits/presets/index.js";
import { record, run } from "./support.js";

// Suggestions speak in hours of a training mode, rounded up to whole hours, for periods still open.

describe("suggest", () => {
  it("turns 博州 credit shortfalls into hours per mode", () => {
    // 60 centralized required hours = 15 credits (10 short of the 集中 floor → 40 集中 hours).
    // Required 60 − 15 = 45 credits → 180 集中 hours or 225 online hours; IT 10 credits → 40 / 50 hours;
    // elective 10 → 40 / 50; school course 20 credits → 100 校本 hours. The total (75 short) is fully made of
    // category shortfalls (45 + 10 + 20), so it adds no step of its own. 2025 has 60 of 72 hours.
    const evaluation = run("bozhou", [record({ date: "2025-03-01", hours: 60 })], { asOf: "2025-06-30" });
    expect(evaluation.suggestions).toEqual([
      "还需集中培训 40 学时（必修中的集中培训还差 10 学分）",
      "还需集中培训 40 学时，或网络培训 50 学时（必修中的信息技术与学科教学融合培训还差 10 学分）",
      "还需集中培训 180 学时，或网络培训 225 学时（必修课程还差 45 学分）",
      "还需集中培训 40 学时，或网络培训 50 学时（选修课程还差 10 学分）",
      "还需校本研修 100 学时（校本课程还差 20 学分）",
      "还需参加培训 12 学时（2025年培训学时还差 12 学时，年度最低 72 学时，2025年12月31日前完成）",
    ]);
    expect(suggest(PRESETS.bozhou, evaluation)).toEqual(evaluation.suggestions);
  });

  it("reads the exact missing amount from the shortfall itself, so a copy (the annual nudge's, the API's JSON) suggests the same", () => {
    // 云阳 at 3 h per credit: 358 hours = 119 1/3 credits, 2/3 short → 2 hours (0.67 shown × 3 would ask for 3).
    const evaluation = run("yunyang", [record({ hours: 358 })], { asOf: "2025-06-30" });
    const total = evaluation.shortfalls.find((shortfall) => shortfall.key === "total");
    expect(total?.missing).toBe(0.67);
    expect(evaluation.suggestions).toContain("还需参加培训 2 学时（本周期总学分还差 0.67 学分）");
    const copy = JSON.parse(JSON.stringify(evaluation)) as typeof evaluation;
    expect(suggest(PRESETS.yunyang, copy)).toEqual(evaluation.suggestions);
  });

  it("rounds hours up so the step is enough: 3.5 credits at 3 h = 10.5 → 11 hours", () => {
    // 云阳 at 3 h per credit: 116.5 credits earned of 120 → 3.5 short → 10.5 → 11 hours (all modes alike).
    const evaluation = run("yunyang", [record({ hours: 60 }), record({ mode: "online", hours: 289.5 })], { asOf: "2025-06-30" });
    expect(evaluation.total.earned).toBe(116.5);
    expect(evaluation.suggestions[0]).toBe("还需参加培训 11 学时（本周期总学分还差 3.5 学分）");
  });

  it("says the total step already includes the floor steps when there are no categories (云阳)", () => {
    // 30 online hours = 10 credits: 集中研修 floor 20 short → 60 hours; total 110 short → 330 hours, which covers both.
    const evaluation = run("yunyang", [record({ date: "2025-03-01", mode: "online", hours: 30 })], { asOf: "2025-06-30" });
    expect(evaluation.suggestions.slice(0, 2)).toEqual([
      "还需集中研修 60 学时（县级及以上集中研修还差 20 学分）",
      "还需参加培训 330 学时（本周期总学分还差 110 学分，已含上面各项）",
    ]);
  });

  it("offers assessments as a way to earn hours where the policy certifies them (兰西)", () => {
    const evaluation = run("lanxi", [record({ date: "2024-10-01", hours: 300 })], { asOf: "2025-06-30" });
    expect(evaluation.suggestions).toEqual([
      "还需参加培训 60 学时（本周期总学时还差 60 学时）",
      "考核也可认定学时：教师考核 60 分及以上认定 24 学时；校本培训考核 80 分及以上认定 12 学时。",
    ]);
  });

  it("gives no steps for closed periods, and says so when the cycle is over", () => {
    const evaluation = run("yunyang", [record({ date: "2022-04-01", hours: 30 })], { asOf: "2025-12-31" });
    expect(evaluation.suggestions).toEqual(["本周期（2021年1月1日—2025年12月31日）已结束，仍有要求未完成，请联系学校继续教育管理员。"]);
  });

  it("is empty when everything is met", () => {
    const evaluation = run("qianjiang", [record({ date: "2024-03-01", hours: 360 })], { asOf: "2024-06-30" });
    expect(evaluation.met).toBe(true);
    expect(evaluation.suggestions).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { line, record, run, variant } from "./support.js";

// One-line explanations a teacher reads next to each number.

describe("record explanations", () => {
  it("every line carries the record's date, mode, category and title, so it explains itself wherever it is shown", () => {
    const evaluation = run("bozhou", [
      record({ id: "x", date: "2023-04-20", mode: "centralized", category: "required", hours: 40, title: "信息技术专题" }),
      record({ id: "y", date: "2023-05-20", mode: "online", category: undefined, hours: 10 }),
    ]);
    expect(line(evaluation, "x")).toMatchObject({
      date: "2023-04-20",
      mode: "centralized",
      category: "required",
      title: "信息技术专题",
      counted: 10,
      explain: "集中培训 40 学时 ÷ 4 = 10 学分",
    });
    expect(line(evaluation, "y")).toMatchObject({ date: "2023-05-20", mode: "online", category: undefined, title: undefined });
  });

  it("hour policies show hours and leave without conversion", () => {
    const evaluation = run("qianjiang", [record({ id: "x", hours: 40, leaveHours: 4 })]);
    expect(line(evaluation, "x")).toMatchObject({ base: 36, counted: 36, explain: "集中培训 40 学时，扣除请假 4 学时，计 36 学时" });
  });

  it("a credit-registered record in an hour policy converts at the policy's rate, or is shown as not convertible", () => {
    const withRate = variant("qianjiang", { conversion: { hoursPerCredit: { online: 5 }, source: "test" } });
    const converted = run(withRate, [record({ id: "x", mode: "online", hours: undefined, credits: 2.5 })]);
    expect(line(converted, "x")).toMatchObject({ counted: 12.5, explain: "网络培训登记 2.5 学分 × 5 = 12.5 学时" });
    const without = run("qianjiang", [record({ id: "x", mode: "online", hours: undefined, credits: 2.5 })]);
    expect(line(without, "x")).toMatchObject({ status: "not_convertible", counted: 0 });
    expect(line(without, "x").explain).toBe("以学分登记，本地政策未规定网络培训的学分折算学时办法，暂不计入");
  });

  it("records outside the cycle or after the as-of date are shown with the reason and not counted", () => {
    const evaluation = run("bozhou", [record({ id: "old", date: "2020-12-31" }), record({ id: "later", date: "2025-07-01" })], {
      asOf: "2025-06-30",
    });
    expect(line(evaluation, "old")).toMatchObject({ status: "outside_cycle", counted: 0 });
    expect(line(evaluation, "old").explain).toBe("培训日期为2020年12月31日，不在本周期（2021年1月1日—2025年12月31日）内，不计入本周期");
    expect(line(evaluation, "later")).toMatchObject({ status: "after_as_of", counted: 0 });
    expect(line(evaluation, "later").explain).toBe("培训日期为2025年7月1日，晚于统计日2025年6月30日，暂不计入");
    expect(evaluation.total.earned).toBe(0);
  });

  it("a record without a category counts toward the total only, and says so", () => {
    // 博州 has categories: 40 集中 h = 10 credits in the total, none in required (so not in the 集中 floor either).
    const evaluation = run("bozhou", [record({ id: "x", category: undefined })]);
    expect(line(evaluation, "x").explain).toBe("集中培训 40 学时 ÷ 4 = 10 学分（未注明课程类别，只计入总学分）");
    expect(evaluation.total.earned).toBe(10);
    expect(evaluation.categories.required?.earned).toBe(0);
    expect(evaluation.floors.centralized?.earned).toBe(0);
  });

  it("records are listed by date, then id, whatever order they came in", () => {
    const evaluation = run("bozhou", [record({ id: "b", date: "2022-01-02" }), record({ id: "c", date: "2022-01-01" }), record({ id: "a", date: "2022-01-02" })]);
    expect(evaluation.records.map((entry) => entry.id)).toEqual(["c", "a", "b"]);
  });
});

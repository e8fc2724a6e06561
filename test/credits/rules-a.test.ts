import { describe, expect, it } from "vitest";
import { line, record, run, year } from "./support.js";

// A-rules apply in every region; 博州 (credits, 集中 4 学时 = 1 学分) is used to see the numbers move.

describe("A. record rules", () => {
  it("A1 a failed record earns nothing and says 不合格不予登记", () => {
    // 40 集中 hours pass = 40 ÷ 4 = 10 credits; the same record failed = 0.
    const passed = record({ id: "pass" });
    const failed = record({ id: "fail", result: "fail" });
    const evaluation = run("bozhou", [passed, failed]);
    expect(line(evaluation, "pass").counted).toBe(10);
    expect(line(evaluation, "fail")).toMatchObject({ status: "failed", base: 0, bonus: 0, counted: 0 });
    expect(line(evaluation, "fail").explain).toContain("不合格，不予登记");
    expect(evaluation.total.earned).toBe(10);
  });

  it("A2 an unapproved project earns nothing and says why", () => {
    const evaluation = run("bozhou", [record({ id: "x", approved: false, result: "excellent", level: "national" })]);
    expect(line(evaluation, "x")).toMatchObject({ status: "unapproved", counted: 0 });
    expect(line(evaluation, "x").explain).toContain("未经教育行政部门审核");
    expect(evaluation.total.earned).toBe(0);
  });

  it("A3 leave hours are deducted before conversion", () => {
    // 40 scheduled − 8 leave = 32 hours; 32 ÷ 4 = 8 credits; the year counts 32 hours (B5 is in hours).
    const evaluation = run("bozhou", [record({ id: "x", hours: 40, leaveHours: 8 })]);
    expect(line(evaluation, "x")).toMatchObject({ hours: 32, base: 8, counted: 8 });
    expect(line(evaluation, "x").explain).toBe("集中培训 40 学时，扣除请假 8 学时，计 32 学时 ÷ 4 = 8 学分");
    expect(year(evaluation, 2022).earned).toBe(32);
  });

  it("A4 pre-service training is tracked on its own and never counts toward the cycle", () => {
    // 博州: 岗前培训 ≥ 120 hours within the first year (hired 2024-09-01 → deadline 2025-08-31).
    const evaluation = run(
      "bozhou",
      [record({ id: "p1", preService: true, hours: 80, date: "2024-10-01" }), record({ id: "p2", preService: true, hours: 40, date: "2025-03-01" })],
      { teacher: { id: "t1", hiredOn: "2024-09-01" } },
    );
    expect(evaluation.total.earned).toBe(0);
    expect(line(evaluation, "p1")).toMatchObject({ status: "pre_service", counted: 0 });
    expect(line(evaluation, "p1").explain).toContain("不计入周期学分");
    expect(evaluation.preService).toEqual({ hours: 120, required: 120, deadline: "2025-08-31", met: true });
  });

  it("A4 failed pre-service hours do not fill the pre-service requirement", () => {
    const evaluation = run("bozhou", [record({ id: "p1", preService: true, hours: 120, date: "2024-10-01", result: "fail" })], {
      teacher: { id: "t1", hiredOn: "2024-09-01" },
    });
    expect(evaluation.preService).toMatchObject({ hours: 0, met: false });
    expect(line(evaluation, "p1").explain).toContain("考核不合格");
  });

  it("A5 each year lists the counted records not yet certified", () => {
    const evaluation = run("bozhou", [
      record({ id: "certified", certifiedBy: "博乐市教育局", certifiedOn: "2023-01-15" }),
      record({ id: "pending" }),
      record({ id: "failed", result: "fail" }),
    ]);
    expect(year(evaluation, 2022).uncertified).toEqual(["pending"]);
  });

  it("A6 the bonus follows the issuing level carried by the record, not the venue", () => {
    // A 自治区级 project held at a county venue is entered with level provincial: excellent +15 % → 11.5.
    // Entered as county it would get the lower band: excellent +10 % → 11.
    const provincial = run("bozhou", [record({ id: "x", level: "provincial", result: "excellent" })]);
    const county = run("bozhou", [record({ id: "x", level: "county", result: "excellent" })]);
    expect(line(provincial, "x").counted).toBe(11.5);
    expect(line(county, "x").counted).toBe(11);
  });
});

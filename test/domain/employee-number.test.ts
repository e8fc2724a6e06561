import { describe, expect, it } from "vitest";
import { checkEmployeeNumber, normaliseEmployeeNumber } from "../../src/domain/employee-number.js";

describe("the 工号 rule", () => {
  it("folds case, full-width forms and spaces, so one person has one 工号", () => {
    for (const typed of ["T0001", "t0001", " T 00 01 ", "ｔ０００１", "T\u30000001"]) expect(normaliseEmployeeNumber(typed)).toBe("T0001");
  });

  it("accepts letters, digits, - and _ up to 32 characters", () => {
    expect(checkEmployeeNumber("2019-0042_a")).toEqual({ ok: true, value: "2019-0042_A" });
    expect(checkEmployeeNumber("A".repeat(32)).ok).toBe(true);
  });

  it("refuses names, punctuation, leading dashes, empty and overlong values with a reason", () => {
    for (const typed of ["张三", "T0001;", "-T1", "", "   ", "A".repeat(33), "T\u00000001", "=1+1"]) {
      const checked = checkEmployeeNumber(typed);
      expect(checked.ok, typed).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/工号/);
    }
  });
});

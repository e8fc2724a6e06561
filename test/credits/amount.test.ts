import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  divideRoundingHalfUp,
  formatAmount,
  hoursToCredits,
  percentOf,
  toDisplay,
  toMicro,
  toRate,
} from "../../src/credits/amount.js";
import { line, record, run, variant } from "./support.js";

describe("exact amounts", () => {
  it("0.1 + 0.2 shows as 0.3", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toDisplay(toMicro(0.1) + toMicro(0.2))).toBe(0.3);
    expect(formatAmount(toMicro(0.1) + toMicro(0.2))).toBe("0.3");
  });

  it("0.1 + 0.2 credits registered on two records total 0.3 and meet a 0.3 requirement", () => {
    const policy = variant("shandong-remote", { fixedCredits: [], total: { required: 0.3, source: "test" } });
    const evaluation = run(policy, [record({ credits: 0.1, hours: undefined, date: "2017-10-01" }), record({ credits: 0.2, hours: undefined, date: "2017-11-01" })], {
      asOf: "2018-03-01",
    });
    expect(evaluation.total).toEqual({ earned: 0.3, required: 0.3, met: true });
  });

  it("rounds half up only where a division cannot be exact", () => {
    expect(divideRoundingHalfUp(10, 4)).toBe(3); // 2.5 → 3
    expect(divideRoundingHalfUp(9, 4)).toBe(2); // 2.25 → 2
    expect(divideRoundingHalfUp(7, 7)).toBe(1);
    // 10 hours at 3 h per credit = 3.333333 credits (micro-units), shown as 3.33.
    expect(hoursToCredits(toMicro(10), toRate(3))).toBe(3_333_333);
    expect(toDisplay(hoursToCredits(toMicro(10), toRate(3)))).toBe(3.33);
    // 5 % of 2.6 credits = 0.13 exactly.
    expect(percentOf(toMicro(2.6), 500)).toBe(toMicro(0.13));
    // Display rounds half up at the cent: 0.005 → 0.01, 0.0049 → 0.
    expect(toDisplay(5_000)).toBe(0.01);
    expect(toDisplay(4_900)).toBe(0);
  });

  it("three thirds of 10 hours display as 10 credits in total", () => {
    // 3 × 3.333333 = 9.999999 micro-exact, displayed 10.
    const policy = variant("yunyang", {});
    const evaluation = run(policy, [record({ hours: 10 }), record({ hours: 10 }), record({ id: "x", hours: 10 })]);
    expect(line(evaluation, "x").counted).toBe(3.33);
    expect(evaluation.total.earned).toBe(10);
  });

  it("formatAmount writes the same text as the display number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (micro) => {
        expect(formatAmount(micro)).toBe(String(toDisplay(micro)));
      }),
    );
  });
});

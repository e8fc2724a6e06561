import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AmountScale, creditsPerHour, divideRoundingHalfUp, hoursPerCredit, shareOf, toRate } from "../../src/credits/amount.js";
import { line, record, run, variant } from "./support.js";

const micro = AmountScale.exactFor([], []);
const thirds = AmountScale.exactFor([toRate(3)], []);

describe("exact amounts", () => {
  it("0.1 + 0.2 shows as 0.3", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(micro.toDisplay(micro.of(0.1) + micro.of(0.2))).toBe(0.3);
    expect(micro.format(micro.of(0.1) + micro.of(0.2))).toBe("0.3");
  });

  it("0.1 + 0.2 credits registered on two records total 0.3 and meet a 0.3 requirement", () => {
    const policy = variant("shandong-remote", { fixedCredits: [], total: { required: 0.3, source: "test" } });
    const evaluation = run(policy, [record({ credits: 0.1, hours: undefined, date: "2017-10-01" }), record({ credits: 0.2, hours: undefined, date: "2017-11-01" })], {
      asOf: "2018-03-01",
    });
    expect(evaluation.total).toEqual({ earned: 0.3, required: 0.3, met: true });
  });

  it("converts at any rate without rounding, and rounds only for display", () => {
    expect(divideRoundingHalfUp(10, 4)).toBe(3); // 2.5 → 3
    expect(divideRoundingHalfUp(9, 4)).toBe(2); // 2.25 → 2
    // 10 hours at 3 h per credit are exactly 10/3 credits; three of them exactly 10.
    const tenThirds = creditsPerHour(toRate(3)).apply(thirds.of(10));
    expect(3 * tenThirds).toBe(thirds.of(10));
    expect(thirds.toDisplay(tenThirds)).toBe(3.33);
    expect(hoursPerCredit(toRate(3)).apply(tenThirds)).toBe(thirds.of(10));
    // 2.5 h per credit and a 15 % bonus on 1 hour's worth: 0.4 × 0.15 = 0.06 exactly.
    const mixed = AmountScale.exactFor([toRate(2.5)], [1500]);
    expect(shareOf(1500).apply(creditsPerHour(toRate(2.5)).apply(mixed.of(1)))).toBe(mixed.of(0.06));
    // Display rounds half up at the cent: 0.005 → 0.01, 0.0049 → 0.
    expect(micro.toDisplay(5_000)).toBe(0.01);
    expect(micro.toDisplay(4_900)).toBe(0);
    // A missing amount rounds up, so anything missing shows at least 0.01; an earned amount short of its
    // requirement never shows as reaching it.
    expect(micro.missingForDisplay(1)).toBe(0.01);
    expect(micro.missingForDisplay(0)).toBe(0);
    expect(thirds.missingForDisplay(thirds.of(1) - creditsPerHour(toRate(3)).apply(thirds.of(2)))).toBe(0.34);
    expect(micro.earnedForDisplay(micro.of(119.996), micro.of(120))).toBe(119.99);
    expect(micro.earnedForDisplay(micro.of(120), micro.of(120))).toBe(120);
  });

  it("three thirds of 10 hours are exactly 10 credits in total", () => {
    const policy = variant("yunyang", {});
    const evaluation = run(policy, [record({ hours: 10 }), record({ hours: 10 }), record({ id: "x", hours: 10 })]);
    expect(line(evaluation, "x").counted).toBe(3.33);
    expect(evaluation.total.earned).toBe(10);
    expect(evaluation.years[1]).toMatchObject({ earned: 10 });
  });

  it("format writes the same text as the display number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (amount) => {
        expect(micro.format(amount)).toBe(String(micro.toDisplay(amount)));
        expect(thirds.format(amount * 3)).toBe(String(thirds.toDisplay(amount * 3)));
      }),
      { seed: 14 },
    );
  });
});

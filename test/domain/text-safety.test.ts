import { describe, expect, it } from "vitest";
import { hasControlCharacters, nameProblem, withoutInvisible } from "../../src/domain/text-safety.js";

describe("text safety", () => {
  it("lets ordinary Chinese, Latin and punctuated names through", () => {
    for (const name of ["张丽", "欧阳 娜娜", "Anna-Lena O'Neil", "博乐市第一中学（本部）", "=HYPERLINK(1)"]) expect(nameProblem(name), name).toBeUndefined();
  });

  it("refuses line breaks, controls, zero-width and bidi characters in names", () => {
    for (const name of ["张\n丽", "张\t丽", "张\u0000丽", "张\u200b丽", "\u202egnp.exe", "张\u2066丽\u2069", "\ufeff张丽"]) {
      expect(nameProblem(name), JSON.stringify(name)).toBeDefined();
    }
  });

  it("strips the invisible characters from free text but keeps its lines", () => {
    expect(withoutInvisible("周五\u202e开会\n地点\u200b：三楼\u0007")).toBe("周五开会\n地点：三楼");
    expect(hasControlCharacters("staff\u0000id")).toBe(true);
    expect(hasControlCharacters("第一行\n第二行\t")).toBe(false);
  });
});

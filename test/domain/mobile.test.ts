import { describe, expect, it } from "vitest";
import { checkMobile, mobileHash, mobileMatches } from "../../src/domain/mobile.js";
import { createSecretBox } from "../../src/secret-box.js";
import { testSecretBox } from "../support/secrets.js";

describe("mobile numbers: normalised for matching, kept only as keyed hashes", () => {
  it.each([
    ["13800138000", "13800138000"],
    ["+86 138-0013-8000", "13800138000"],
    ["8613800138000", "13800138000"],
    ["１３８ ００１３ ８０００", "13800138000"],
    ["(+86) 199 0000 0001", "19900000001"],
  ])("reads %s as %s", (typed, value) => {
    expect(checkMobile(typed)).toEqual({ ok: true, value });
  });

  it.each(["12345678901", "1380013800", "138001380001", "+852 9123 4567", "010-12345678", "", "abc"])("refuses %s", (typed) => {
    expect(checkMobile(typed)).toMatchObject({ ok: false });
  });

  it("hashes with the key ring, so a number stored before a key rotation still matches, and nothing stored is the number", () => {
    const oldBox = testSecretBox();
    const stored = mobileHash(oldBox, "13800138000");
    expect(stored).not.toContain("13800138000");
    const rotated = createSecretBox([Buffer.alloc(32, 9), Buffer.alloc(32, 7)]);
    expect(mobileMatches(rotated, "13800138000", stored)).toBe(true);
    expect(mobileMatches(rotated, "13800138001", stored)).toBe(false);
    expect(mobileMatches(rotated, "13800138000", null)).toBe(false);
  });
});

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dingtalkSign, verifyDingtalkSignature } from "../../../src/channels/dingtalk/sign.js";

const MINUTE = 60 * 1000;

describe("DingTalk signature", () => {
  it("matches the known vectors (docs/platforms.md §3.3)", () => {
    expect(dingtalkSign("1700000000000", "SECtestsecret0123456789")).toBe("zrLWzK97t62y5CpqN8Ok9UIdPvX+jL1PNoW8nKT5a9k=");
    expect(dingtalkSign("1546084445901", "testappSecret")).toBe("fYP0TV8RJULxGabs59wSO94FZbNekbH7ebQJu2oy+/0=");
    expect(encodeURIComponent(dingtalkSign("1700000000000", "SECtestsecret0123456789"))).toBe("zrLWzK97t62y5CpqN8Ok9UIdPvX%2BjL1PNoW8nKT5a9k%3D");
  });

  it("signs timestamp + newline + secret, not the timestamp alone (the login-free formula)", () => {
    const loginFree = createHmac("sha256", "testappSecret").update("1546084445901").digest("base64");
    expect(loginFree).toBe("HCbG3xNE3vzhO+u7qCUL1jS5hsu2n5r2cFhnTrtyDAE=");
    expect(dingtalkSign("1546084445901", "testappSecret")).not.toBe(loginFree);
  });

  const at = 1_700_000_000_000;
  const check = (timestamp: string | undefined, sign: string | undefined, nowMs = at, secrets = ["SECtestsecret0123456789"]) =>
    verifyDingtalkSignature({ timestamp, sign, secrets, nowMs });
  const signed = (ms: number, secret = "SECtestsecret0123456789") => dingtalkSign(String(ms), secret);

  it("accepts a correct signature within 5 minutes either way, and refuses one just outside (DingTalk allows an hour)", () => {
    expect(check(String(at), signed(at))).toEqual({ ok: true });
    expect(check(String(at - 4 * MINUTE), signed(at - 4 * MINUTE))).toEqual({ ok: true });
    expect(check(String(at + 4 * MINUTE), signed(at + 4 * MINUTE))).toEqual({ ok: true });
    expect(check(String(at - 5 * MINUTE), signed(at - 5 * MINUTE))).toEqual({ ok: true });
    expect(check(String(at - 6 * MINUTE), signed(at - 6 * MINUTE))).toEqual({ ok: false, reason: "outside_window" });
    expect(check(String(at + 6 * MINUTE), signed(at + 6 * MINUTE))).toEqual({ ok: false, reason: "outside_window" });
    expect(check(String(at - 59 * MINUTE), signed(at - 59 * MINUTE))).toEqual({ ok: false, reason: "outside_window" });
  });

  it("refuses missing headers, a malformed timestamp, a wrong or truncated sign", () => {
    expect(check(undefined, signed(at))).toEqual({ ok: false, reason: "missing_headers" });
    expect(check(String(at), undefined)).toEqual({ ok: false, reason: "missing_headers" });
    expect(check("17e11", signed(at))).toEqual({ ok: false, reason: "malformed_timestamp" });
    expect(check(`${at}.5`, signed(at))).toEqual({ ok: false, reason: "malformed_timestamp" });
    expect(check(String(at), signed(at, "another-secret"))).toEqual({ ok: false, reason: "mismatch" });
    expect(check(String(at), signed(at).slice(0, -2))).toEqual({ ok: false, reason: "mismatch" });
    expect(check(String(at), encodeURIComponent(signed(at)))).toEqual({ ok: false, reason: "mismatch" });
    // A signature for another timestamp does not carry over.
    expect(check(String(at + 1), signed(at))).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts a signature made with any secret still in rotation", () => {
    const secrets = ["new-secret", "old-secret"];
    expect(check(String(at), signed(at, "old-secret"), at, secrets)).toEqual({ ok: true });
    expect(check(String(at), signed(at, "new-secret"), at, secrets)).toEqual({ ok: true });
    expect(check(String(at), signed(at, "retired-secret"), at, secrets)).toEqual({ ok: false, reason: "mismatch" });
  });
});

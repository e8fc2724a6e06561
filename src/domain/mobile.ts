import type { SecretBox } from "../secret-box.js";

/**
 * Mobile numbers are only ever used to match an address-book line to a person of the roster, so they are
 * kept as a keyed hash (src/secret-box.ts), never in clear: the same number always hashes the same way,
 * and a database copy without SECRETS_KEY gives nothing to try 11-digit numbers against.
 */
const CN_MOBILE = /^1[3-9]\d{9}$/;
const PURPOSE = "mobile";

export type MobileCheck = { ok: true; value: string } | { ok: false; message: string };

/** Digits only, without a +86/86 country prefix; then an 11-digit mainland mobile number (1[3-9]…). */
export function checkMobile(typed: string): MobileCheck {
  const digits = typed.normalize("NFKC").replace(/\D/g, "");
  const national = digits.length === 13 && digits.startsWith("86") ? digits.slice(2) : digits;
  if (!CN_MOBILE.test(national)) return { ok: false, message: "应为 11 位手机号（如 138 0013 8000，可带 +86）" };
  return { ok: true, value: national };
}

export function mobileHash(secrets: SecretBox, mobile: string): string {
  return secrets.digest(PURPOSE, mobile);
}

/** Every hash this number may be stored under, newest key first, for finding it after a key rotation. */
export function mobileHashes(secrets: SecretBox, mobile: string): string[] {
  return secrets.digests(PURPOSE, mobile);
}

export function mobileMatches(secrets: SecretBox, mobile: string, stored: string | null): boolean {
  return stored !== null && secrets.matches(PURPOSE, mobile, stored);
}

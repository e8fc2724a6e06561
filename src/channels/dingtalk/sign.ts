import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * DingTalk's one signature scheme, used both ways: by DingTalk on HTTP callbacks (headers `timestamp` and
 * `sign`) and by us on custom-robot webhooks (query `timestamp` and `sign`). It covers the timestamp only,
 * never the body, so a captured pair would carry any body: the short window and remembering each pair
 * (http/callback-router.ts) are what stop it from being replayed.
 */
export function dingtalkSign(timestampMs: string, secret: string): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/**
 * A callback's timestamp may be this far from our clock, either way. DingTalk itself allows an hour; a
 * delivery is signed when it is sent, so minutes cover clock drift and slow networks, and the shorter the
 * window, the shorter every accepted pair must be remembered.
 */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing_headers" | "malformed_timestamp" | "outside_window" | "mismatch" };

export function verifyDingtalkSignature(input: {
  timestamp: string | undefined;
  sign: string | undefined;
  /** Every secret currently valid (rotation); a signature made with any of them is accepted. */
  secrets: readonly string[];
  nowMs: number;
}): SignatureCheck {
  const { timestamp, sign } = input;
  if (!timestamp || !sign) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: "malformed_timestamp" };
  if (Math.abs(input.nowMs - Number(timestamp)) > SIGNATURE_WINDOW_MS) return { ok: false, reason: "outside_window" };
  const received = Buffer.from(sign);
  let matched = false;
  // Every secret is compared, in constant time, so the answer's timing tells nothing about which one was close.
  for (const secret of input.secrets) {
    const expected = Buffer.from(dingtalkSign(timestamp, secret));
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: "mismatch" };
}

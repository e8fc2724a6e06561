import { timingSafeEqual } from "node:crypto";
import { getSignature } from "@wecom/crypto";

/** What WeCom signs: msg_signature = sha1(sort([token, timestamp, nonce, encrypted]).join("")), lower-case hex. */
export type SignedParts = { timestamp: string; nonce: string; encrypted: string };

export function signatureOf(token: string, parts: SignedParts): string {
  return getSignature(token, parts.timestamp, parts.nonce, parts.encrypted);
}

/**
 * The one of `tokens` (several during a rotation) that `signature` was made with, or undefined. Compared in
 * constant time, and against every token, so the response time tells an attacker nothing about how close a
 * forged signature came.
 */
export function tokenThatSigned(tokens: readonly string[], parts: SignedParts, signature: string): string | undefined {
  const given = Buffer.from(signature.toLowerCase(), "utf8");
  let signer: string | undefined;
  for (const token of tokens) {
    const expected = Buffer.from(signatureOf(token, parts), "utf8");
    if (expected.length === given.length && timingSafeEqual(expected, given) && signer === undefined) signer = token;
  }
  return signer;
}

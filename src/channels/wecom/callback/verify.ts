import { z } from "zod";
import type { WecomCallbackSecrets } from "../../../config.js";
import { openEnvelope } from "./envelope.js";
import { tokenThatSigned } from "./signature.js";

/**
 * Requests signed further from now than this are refused as stale (or replayed). WeCom signs each
 * delivery and each retry when it sends it; five minutes leave room for clock drift.
 */
export const CALLBACK_FRESHNESS_SECONDS = 300;

const querySchema = z.object({
  msg_signature: z.string().regex(/^[0-9a-fA-F]{40}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(128),
  echostr: z.string().min(1).max(8192).optional(),
});

export type CallbackRefusal = {
  status: 400 | 401 | 403;
  /** For the log only; the caller never sends it back. */
  reason: "bad_query" | "stale" | "bad_signature" | "undecryptable" | "wrong_receiver";
};

/** `secrets` are the token and key this request was made with: the ones WeCom will check a reply against. */
export type VerifiedCallback =
  | { ok: true; plaintext: string; timestamp: string; nonce: string; secrets: { token: string; encodingAesKey: string } }
  | { ok: false; refusal: CallbackRefusal };

/**
 * The checks every WeCom callback goes through, in the only safe order: the signature first (a wrong key
 * still "decrypts"), then decryption and the receiveid. `encrypted` is the body's ciphertext for a message,
 * or undefined for URL verification, whose ciphertext is the `echostr` query parameter.
 */
export function verifyCallback(request: {
  query: unknown;
  encrypted: string | undefined;
  secrets: WecomCallbackSecrets;
  receiveId: string;
  now: Date;
}): VerifiedCallback {
  const query = querySchema.safeParse(request.query);
  if (!query.success) return refuse(400, "bad_query");
  const { msg_signature: signature, timestamp, nonce, echostr } = query.data;
  const encrypted = request.encrypted ?? echostr;
  if (encrypted === undefined) return refuse(400, "bad_query");
  if (Math.abs(Number(timestamp) - request.now.getTime() / 1000) > CALLBACK_FRESHNESS_SECONDS) return refuse(401, "stale");

  // WeCom percent-encodes '+' as %2B, but a proxy that decodes the query once too often leaves a space.
  const candidates = encrypted.includes(" ") ? [encrypted, encrypted.replaceAll(" ", "+")] : [encrypted];
  for (const candidate of candidates) {
    const token = tokenThatSigned(request.secrets.tokens, { timestamp, nonce, encrypted: candidate }, signature);
    if (token === undefined) continue;
    const opened = openEnvelope(request.secrets.encodingAesKeys, request.receiveId, candidate);
    if (!opened.ok) return refuse(opened.reason === "wrong_receiver" ? 403 : 401, opened.reason);
    return { ok: true, plaintext: opened.plaintext, timestamp, nonce, secrets: { token, encodingAesKey: opened.encodingAesKey } };
  }
  return refuse(401, "bad_signature");
}

function refuse(status: CallbackRefusal["status"], reason: CallbackRefusal["reason"]): VerifiedCallback {
  return { ok: false, refusal: { status, reason } };
}

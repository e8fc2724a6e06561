import { decrypt, encrypt } from "@wecom/crypto";
import { signatureOf } from "./signature.js";

export type OpenedEnvelope =
  | { ok: true; plaintext: string; encodingAesKey: string }
  | { ok: false; reason: "undecryptable" | "wrong_receiver" };

/**
 * Decrypts a callback's ciphertext with whichever of `encodingAesKeys` it was made with, and checks that it
 * was meant for `receiveId` (the CorpID for a self-built app, "" for an AI bot).
 *
 * @wecom/crypto neither checks the receiveid nor notices a wrong key (it returns garbage, and for an AI bot
 * the garbage can even carry the expected "" id). So each candidate is re-encrypted with the random prefix
 * it yielded: only the right key, with intact padding and length field, reproduces the exact ciphertext.
 */
export function openEnvelope(encodingAesKeys: readonly string[], receiveId: string, encrypted: string): OpenedEnvelope {
  const sent = Buffer.from(encrypted, "base64");
  let wrongReceiver = false;
  for (const key of encodingAesKeys) {
    let opened: ReturnType<typeof decrypt>;
    try {
      opened = decrypt(key, encrypted);
    } catch {
      continue; // base64 of the wrong length, or a block the cipher cannot finish
    }
    const reproduced = Buffer.from(encrypt(key, opened.message, opened.id, opened.random), "base64");
    if (!reproduced.equals(sent)) continue;
    if (opened.id !== receiveId) {
      wrongReceiver = true;
      continue;
    }
    return { ok: true, plaintext: opened.message, encodingAesKey: key };
  }
  return { ok: false, reason: wrongReceiver ? "wrong_receiver" : "undecryptable" };
}

export type SealedEnvelope = { encrypted: string; signature: string };

/** Encrypts a passive reply for `receiveId` and signs it, as WeCom expects replies to be. */
export function sealEnvelope(
  secrets: { token: string; encodingAesKey: string },
  receiveId: string,
  plaintext: string,
  timestamp: string,
  nonce: string,
): SealedEnvelope {
  const encrypted = encrypt(secrets.encodingAesKey, plaintext, receiveId);
  return { encrypted, signature: signatureOf(secrets.token, { timestamp, nonce, encrypted }) };
}

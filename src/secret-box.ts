import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "./config.js";

/**
 * Everything the service keeps secret at rest goes through one key ring from SECRETS_KEY: credentials an
 * administrator typed (robot keys, custom-robot secrets) are sealed with AES-256-GCM, and values that must
 * be compared but never recovered (bind codes, mobile numbers) are keyed hashes. The first key seals and
 * hashes; older keys still open and still match, so a key can be rotated without losing anything.
 */
export type SecretBox = {
  /** Encrypts a secret; the result names the key that sealed it. */
  seal(plaintext: string): string;
  /** Decrypts what `seal` produced with any key of the ring; throws on anything else or a forged value. */
  open(sealed: string): string;
  isSealed(value: string): boolean;
  /** Whether `value` was sealed under the newest key; after a rotation the others are worth sealing again. */
  sealedUnderNewest(value: string): boolean;
  /** A keyed hash under the newest key; `purpose` keeps hashes of one kind from matching another's. */
  digest(purpose: string, value: string): string;
  /** The keyed hash under every key of the ring, newest first: for finding values hashed before a rotation. */
  digests(purpose: string, value: string): string[];
  /** Whether `hash` is the keyed hash of `value` under any key, compared in constant time. */
  matches(purpose: string, value: string, hash: string): boolean;
};

const SEALED = /^sealed:v1:([0-9a-f]{8}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]*)$/;

type Key = { id: string; encryption: Buffer; hashing: Buffer };

function deriveKey(material: Buffer): Key {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", material, Buffer.alloc(0), info, 32));
  return {
    id: createHash("sha256").update(material).digest("hex").slice(0, 8),
    encryption: derive("jijiao secret-box aes-256-gcm"),
    hashing: derive("jijiao secret-box hmac-sha256"),
  };
}

export function createSecretBox(materials: readonly Buffer[]): SecretBox {
  if (materials.length === 0) throw new Error("a secret box needs at least one key");
  const keys = materials.map(deriveKey);
  const newest = keys[0]!;
  const hashWith = (key: Key, purpose: string, value: string) => createHmac("sha256", key.hashing).update(`${purpose}\0${value}`).digest("hex");
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", newest.encryption, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return `sealed:v1:${newest.id}:${iv.toString("base64url")}:${cipher.getAuthTag().toString("base64url")}:${body.toString("base64url")}`;
    },
    open(sealed) {
      const parts = SEALED.exec(sealed);
      if (!parts) throw new Error("not a sealed secret");
      const [, keyId, iv, tag, body] = parts;
      const key = keys.find((candidate) => candidate.id === keyId);
      if (!key) throw new Error(`sealed with key ${keyId}, which SECRETS_KEY no longer holds`);
      const decipher = createDecipheriv("aes-256-gcm", key.encryption, Buffer.from(iv!, "base64url"));
      decipher.setAuthTag(Buffer.from(tag!, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body!, "base64url")), decipher.final()]).toString("utf8");
    },
    isSealed: (value) => SEALED.test(value),
    sealedUnderNewest: (value) => SEALED.exec(value)?.[1] === newest.id,
    digest: (purpose, value) => hashWith(newest, purpose, value),
    digests: (purpose, value) => keys.map((key) => hashWith(key, purpose, value)),
    matches(purpose, value, hash) {
      const given = Buffer.from(hash, "utf8");
      let found = false;
      for (const key of keys) {
        const expected = Buffer.from(hashWith(key, purpose, value), "utf8");
        if (expected.length === given.length && timingSafeEqual(expected, given)) found = true;
      }
      return found;
    },
  };
}

/**
 * The key ring this process uses. SECRETS_KEY wins; without it an embedded install keeps a generated key
 * beside its database (`<DATA_DIR>/secrets.key`, readable by its owner only), and a throwaway in-memory
 * database gets a throwaway key. Config refuses PostgreSQL without SECRETS_KEY, so several instances can
 * never disagree about the key.
 */
export function secretBoxFor(config: Pick<Config, "secretsKeys" | "database">): SecretBox {
  if (config.secretsKeys.length > 0) return createSecretBox(config.secretsKeys);
  if (config.database.kind === "embedded" && !config.database.dataDir.startsWith("memory://")) {
    const file = path.join(config.database.dataDir, "secrets.key");
    if (!existsSync(file)) {
      mkdirSync(config.database.dataDir, { recursive: true });
      writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    }
    chmodSync(file, 0o600);
    return createSecretBox([Buffer.from(readFileSync(file, "utf8").trim(), "base64")]);
  }
  return createSecretBox([randomBytes(32)]);
}

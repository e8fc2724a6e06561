import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSecretBox, secretBoxFor } from "../src/secret-box.js";

const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe("secret box", () => {
  it("seals so the stored text holds neither the secret nor a fixed pattern, and opens it again", () => {
    const box = createSecretBox([keyA]);
    const first = box.seal("robot-key-0123456789");
    const second = box.seal("robot-key-0123456789");
    expect(first).not.toContain("robot-key");
    expect(first).not.toBe(second);
    expect(box.isSealed(first)).toBe(true);
    expect(box.isSealed("robot-key-0123456789")).toBe(false);
    expect(box.open(first)).toBe("robot-key-0123456789");
  });

  it("after a rotation (new key first) opens what the old key sealed and seals with the new one", () => {
    const sealedByA = createSecretBox([keyA]).seal("secret");
    const rotated = createSecretBox([keyB, keyA]);
    expect(rotated.open(sealedByA)).toBe("secret");
    expect(createSecretBox([keyB]).open(rotated.seal("secret"))).toBe("secret");
    expect(() => createSecretBox([keyB]).open(sealedByA)).toThrow(/SECRETS_KEY no longer holds/);
  });

  it("refuses a sealed value whose ciphertext was altered", () => {
    const box = createSecretBox([keyA]);
    const sealed = box.seal("secret-value");
    const last = sealed.at(-1) === "A" ? "B" : "A";
    expect(() => box.open(sealed.slice(0, -1) + last)).toThrow();
  });

  it("keyed hashes differ by purpose and key, and still match after a rotation", () => {
    const box = createSecretBox([keyA]);
    const hash = box.digest("bind-code", "t1:123456");
    expect(hash).not.toBe(box.digest("mobile", "t1:123456"));
    expect(hash).not.toBe(createSecretBox([keyB]).digest("bind-code", "t1:123456"));
    const rotated = createSecretBox([keyB, keyA]);
    expect(rotated.matches("bind-code", "t1:123456", hash)).toBe(true);
    expect(rotated.matches("bind-code", "t1:123457", hash)).toBe(false);
    expect(rotated.digests("bind-code", "t1:123456")).toContain(hash);
  });

  it("an embedded install without SECRETS_KEY keeps one generated key, readable by its owner only", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "jj-secrets-"));
    try {
      const config = { secretsKeys: [], database: { kind: "embedded" as const, dataDir } };
      const sealed = secretBoxFor(config).seal("kept");
      expect(secretBoxFor(config).open(sealed)).toBe("kept");
      const file = path.join(dataDir, "secrets.key");
      expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64")).toHaveLength(32);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

import { assertPositiveDuration, type AtomicKeyStore } from "./key-store.js";
import type { DedupStore } from "./types.js";

export class KeyStoreDedup implements DedupStore {
  constructor(private readonly store: AtomicKeyStore) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    assertPositiveDuration("Dedup ttlSeconds", ttlSeconds);
    return this.store.setIfAbsent(`dedup:${key}`, "1", ttlSeconds * 1000);
  }

  release(key: string): Promise<void> {
    return this.store.delete(`dedup:${key}`);
  }
}

import type { AtomicKeyStore } from "../key-store.js";
import { ExpiringMap } from "./expiring-map.js";

/** Atomic by construction: each method runs to completion on the one event loop before any other. */
export class MemoryKeyStore implements AtomicKeyStore {
  private readonly values = new ExpiringMap<string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.values.get(key) !== undefined) return false;
    this.values.set(key, value, ttlMs);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  async deleteIfEquals(key: string, expected: string): Promise<boolean> {
    return this.values.get(key) === expected && this.values.delete(key);
  }

  async expireIfEquals(key: string, expected: string, ttlMs: number): Promise<boolean> {
    if (this.values.get(key) !== expected) return false;
    this.values.set(key, expected, ttlMs);
    return true;
  }
}

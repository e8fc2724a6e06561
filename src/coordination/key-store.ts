/**
 * The few atomic operations on expiring string keys that dedup, locks and the token cache are built from.
 * Each backend implements only these, so the logic above them is written and tested once.
 */
export interface AtomicKeyStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** True when the key was absent (or expired) and now holds `value`. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Deletes only while the key still holds `expected`; true when it did. */
  deleteIfEquals(key: string, expected: string): Promise<boolean>;
  /** Resets the expiry only while the key still holds `expected`; true when it did. */
  expireIfEquals(key: string, expected: string, ttlMs: number): Promise<boolean>;
}

export function assertPositiveDuration(what: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new Error(`${what} must be a positive number (got ${value})`);
  }
}

import { randomUUID } from "node:crypto";
import { assertPositiveDuration, type AtomicKeyStore } from "./key-store.js";
import type { CoordinationLogger, Lock, LockOutcome, LockService } from "./types.js";

/** Renewing at a third of the lease leaves two more renewals' worth of slack before the lease can lapse. */
const RENEWALS_PER_LEASE = 3;

/** A lease stored as key = random token, so only the holder's token can extend or delete it. */
class LeaseLock implements Lock {
  private readonly ownership = new AbortController();

  constructor(
    readonly name: string,
    private readonly key: string,
    private readonly token: string,
    private readonly store: AtomicKeyStore,
  ) {}

  get signal(): AbortSignal {
    return this.ownership.signal;
  }

  async extend(ttlMs: number): Promise<boolean> {
    assertPositiveDuration("Lock ttlMs", ttlMs);
    if (this.signal.aborted) return false;
    const stillOwned = await this.store.expireIfEquals(this.key, this.token, ttlMs);
    if (!stillOwned) this.ownership.abort(new Error(`Lock ${this.name} was lost: its lease expired`));
    return stillOwned;
  }

  async release(): Promise<boolean> {
    if (this.signal.aborted) return false;
    this.ownership.abort(new Error(`Lock ${this.name} was released`));
    return this.store.deleteIfEquals(this.key, this.token);
  }
}

export class LeaseLockService implements LockService {
  constructor(
    private readonly store: AtomicKeyStore,
    private readonly logger: CoordinationLogger,
  ) {}

  async tryAcquire(name: string, ttlMs: number): Promise<Lock | undefined> {
    assertPositiveDuration("Lock ttlMs", ttlMs);
    const key = `lock:${name}`;
    const token = randomUUID();
    const acquired = await this.store.setIfAbsent(key, token, ttlMs);
    return acquired ? new LeaseLock(name, key, token, this.store) : undefined;
  }

  async withLock<T>(name: string, ttlMs: number, fn: (lock: Lock) => Promise<T>): Promise<LockOutcome<T>> {
    const lock = await this.tryAcquire(name, ttlMs);
    if (!lock) return { acquired: false };
    const stopRenewing = this.keepRenewing(lock, ttlMs);
    try {
      return { acquired: true, value: await fn(lock) };
    } finally {
      stopRenewing();
      // A failed release is harmless (the lease expires by itself), so it must not hide fn's outcome.
      await lock.release().catch((error: unknown) => {
        this.logger.warn({ lock: name, err: error }, "could not release lock; it will expire by itself");
      });
    }
  }

  private keepRenewing(lock: Lock, ttlMs: number): () => void {
    let renewing = false;
    const timer = setInterval(() => {
      if (renewing) return;
      renewing = true;
      lock
        .extend(ttlMs)
        .then((stillOwned) => {
          if (stillOwned) return;
          clearInterval(timer);
          this.logger.error({ lock: lock.name }, "lock lost while its holder was still working");
        })
        .catch((error: unknown) => this.logger.warn({ lock: lock.name, err: error }, "could not renew lock"))
        .finally(() => {
          renewing = false;
        });
    }, ttlMs / RENEWALS_PER_LEASE);
    return () => clearInterval(timer);
  }
}

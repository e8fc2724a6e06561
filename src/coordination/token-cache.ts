import { setTimeout as sleep } from "node:timers/promises";
import type { AtomicKeyStore } from "./key-store.js";
import type { FreshToken, LockService, TokenCache } from "./types.js";

/** Tokens are dropped at 90% of their announced lifetime so a request never carries one about to expire. */
const USABLE_FRACTION_OF_LIFETIME = 0.9;

export interface TokenCacheTiming {
  /** A fetch still running after this long is abandoned; otherwise it would hold the refresh lock forever. */
  fetchTimeoutMs: number;
  /** Lease of the refresh lock; a refresher that dies frees the way for others after this long. */
  refreshLockMs: number;
  /** How long a caller waits for another instance's refresh before giving up. Longer than refreshLockMs. */
  maxWaitMs: number;
  /** How often a waiting caller looks for the token another instance is fetching. */
  pollIntervalMs: number;
}

const DEFAULT_TIMING: TokenCacheTiming = {
  fetchTimeoutMs: 10_000,
  refreshLockMs: 15_000,
  maxWaitMs: 20_000,
  pollIntervalMs: 50,
};

type TokenFetch = (signal: AbortSignal) => Promise<FreshToken>;

/**
 * Single flight at two levels: callers in one process share one promise, and processes share one fetch
 * through a lock; those that lose the lock poll the store until the winner has written the token.
 */
export class SingleFlightTokenCache implements TokenCache {
  private readonly refreshesInProgress = new Map<string, Promise<string>>();
  private readonly timing: TokenCacheTiming;

  constructor(
    private readonly store: AtomicKeyStore,
    private readonly locks: LockService,
    timing: Partial<TokenCacheTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  async getOrRefresh(key: string, fetch: TokenFetch): Promise<string> {
    const cached = await this.store.get(storeKey(key));
    if (cached !== undefined) return cached;
    let refresh = this.refreshesInProgress.get(key);
    if (!refresh) {
      refresh = this.refreshAcrossInstances(key, fetch).finally(() => this.refreshesInProgress.delete(key));
      this.refreshesInProgress.set(key, refresh);
    }
    return refresh;
  }

  async invalidate(key: string, staleValue?: string): Promise<void> {
    if (staleValue === undefined) await this.store.delete(storeKey(key));
    else await this.store.deleteIfEquals(storeKey(key), staleValue);
  }

  private async refreshAcrossInstances(key: string, fetch: TokenFetch): Promise<string> {
    const giveUpAt = Date.now() + this.timing.maxWaitMs;
    for (;;) {
      const outcome = await this.locks.withLock(`token-refresh:${key}`, this.timing.refreshLockMs, async () => {
        // Another instance may have stored a token between our cache miss and our taking the lock.
        const storedMeanwhile = await this.store.get(storeKey(key));
        if (storedMeanwhile !== undefined) return storedMeanwhile;
        const fresh = await this.fetchWithin(key, fetch);
        assertFreshToken(key, fresh);
        const usableMs = Math.max(1, Math.floor(fresh.ttlSeconds * 1000 * USABLE_FRACTION_OF_LIFETIME));
        await this.store.set(storeKey(key), fresh.value, usableMs);
        return fresh.value;
      });
      if (outcome.acquired) return outcome.value;
      if (Date.now() >= giveUpAt) {
        throw new Error(`Gave up after ${this.timing.maxWaitMs} ms waiting for another instance to refresh token ${key}`);
      }
      await sleep(this.timing.pollIntervalMs);
      const refreshedElsewhere = await this.store.get(storeKey(key));
      if (refreshedElsewhere !== undefined) return refreshedElsewhere;
    }
  }

  private async fetchWithin(key: string, fetch: TokenFetch): Promise<FreshToken> {
    const timeUp = AbortSignal.timeout(this.timing.fetchTimeoutMs);
    const abandoned = new Promise<never>((_, reject) => {
      timeUp.addEventListener(
        "abort",
        () => reject(new Error(`Token fetch for ${key} took longer than ${this.timing.fetchTimeoutMs} ms`)),
        { once: true },
      );
    });
    return Promise.race([fetch(timeUp), abandoned]);
  }
}

function storeKey(key: string): string {
  return `token:${key}`;
}

function assertFreshToken(key: string, fresh: FreshToken): void {
  if (typeof fresh.value !== "string" || fresh.value.length === 0) {
    throw new Error(`Token fetch for ${key} returned an empty token`);
  }
  if (!(Number.isFinite(fresh.ttlSeconds) && fresh.ttlSeconds > 0)) {
    throw new Error(`Token fetch for ${key} returned an invalid ttlSeconds (${fresh.ttlSeconds})`);
  }
}

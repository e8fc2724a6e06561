import { assertRateLimit } from "../rate-limit.js";
import type { RateDecision, RateLimit, RateLimiter } from "../types.js";

/** Sliding-window log: the times of the takes still inside the window, oldest first. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly takesByKey = new Map<string, number[]>();

  async take(key: string, limit: RateLimit): Promise<RateDecision> {
    assertRateLimit(limit);
    const now = Date.now();
    const inWindow = (this.takesByKey.get(key) ?? []).filter((takenAt) => takenAt > now - limit.windowMs);
    this.takesByKey.set(key, inWindow);
    if (inWindow.length < limit.count) {
      inWindow.push(now);
      return { allowed: true, retryAfterMs: 0 };
    }
    const oldest = inWindow[0] ?? now;
    return { allowed: false, retryAfterMs: Math.max(1, oldest + limit.windowMs - now) };
  }
}

import type { RateLimit } from "./types.js";

export function assertRateLimit(limit: RateLimit): void {
  if (!(Number.isInteger(limit.count) && limit.count >= 1)) {
    throw new Error(`Rate limit count must be a whole number of at least 1 (got ${limit.count})`);
  }
  if (!(Number.isFinite(limit.windowMs) && limit.windowMs > 0)) {
    throw new Error(`Rate limit windowMs must be a positive number (got ${limit.windowMs})`);
  }
}

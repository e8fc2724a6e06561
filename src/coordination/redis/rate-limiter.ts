import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { assertRateLimit } from "../rate-limit.js";
import type { RateDecision, RateLimit, RateLimiter } from "../types.js";
import { LuaScript } from "./lua-script.js";

/**
 * Sliding-window log in a sorted set (score = time of a take), checked and updated in one script so that
 * concurrent takes from any number of instances can never exceed the limit. Time is the Redis server's
 * clock (TIME), so instances whose clocks disagree still share one window.
 * KEYS[1] the window; ARGV: window ms, limit, a unique member for this take.
 * Returns {1, 0} when allowed, {0, ms until the oldest take leaves the window} when not.
 */
const TAKE = new LuaScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now)}
`);

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async take(key: string, limit: RateLimit): Promise<RateDecision> {
    assertRateLimit(limit);
    const reply = await TAKE.run(
      this.redis,
      [`${this.keyPrefix}rate:${key}`],
      [Math.ceil(limit.windowMs), limit.count, randomUUID()],
    );
    if (!Array.isArray(reply) || typeof reply[0] !== "number" || typeof reply[1] !== "number") {
      throw new Error(`Unexpected rate limiter reply from Redis: ${JSON.stringify(reply)}`);
    }
    return { allowed: reply[0] === 1, retryAfterMs: reply[1] };
  }
}

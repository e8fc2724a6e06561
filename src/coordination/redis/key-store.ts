import type { Redis } from "ioredis";
import type { AtomicKeyStore } from "../key-store.js";
import { LuaScript } from "./lua-script.js";

const DELETE_IF_EQUALS = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

const EXPIRE_IF_EQUALS = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`);

/** Expiry is kept by the Redis server, so instances with skewed clocks still agree on it. */
export class RedisKeyStore implements AtomicKeyStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.keyPrefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.keyPrefix + key, value, "PX", wholeMs(ttlMs));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.keyPrefix + key, value, "PX", wholeMs(ttlMs), "NX")) === "OK";
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.keyPrefix + key);
  }

  async deleteIfEquals(key: string, expected: string): Promise<boolean> {
    return (await DELETE_IF_EQUALS.run(this.redis, [this.keyPrefix + key], [expected])) === 1;
  }

  async expireIfEquals(key: string, expected: string, ttlMs: number): Promise<boolean> {
    return (await EXPIRE_IF_EQUALS.run(this.redis, [this.keyPrefix + key], [expected, wholeMs(ttlMs)])) === 1;
  }
}

/** PX takes whole milliseconds; rounding up never shortens a lease. */
function wholeMs(ms: number): number {
  return Math.ceil(ms);
}

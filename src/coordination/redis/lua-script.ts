import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** A Lua script sent by hash (EVALSHA), and in full only when the server has not cached it yet. */
export class LuaScript {
  private readonly sha1: string;

  constructor(private readonly source: string) {
    this.sha1 = createHash("sha1").update(source).digest("hex");
  }

  async run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

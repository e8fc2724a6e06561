import { Redis } from "ioredis";
import { afterAll, beforeAll, describe } from "vitest";
import { createCoordination } from "../../src/coordination/index.js";
import { redisUrl, uniqueRedisPrefix } from "../support/services.js";
import { coordinationContract } from "./contracts/index.js";
import { deleteKeysWithPrefix } from "./redis-keys.js";

describe.skipIf(!redisUrl)("Redis coordination (scaled mode)", () => {
  const filePrefix = uniqueRedisPrefix("coordination");
  let admin: Redis;
  let worlds = 0;

  beforeAll(() => {
    admin = new Redis(redisUrl!);
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(admin, filePrefix);
    await admin.quit();
  });

  coordinationContract({
    async open(logger) {
      worlds += 1;
      const redis = { url: redisUrl!, keyPrefix: `${filePrefix}${worlds}:` };
      const first = createCoordination({ redis, logger });
      const second = createCoordination({ redis, logger });
      return {
        first,
        second,
        async dispose() {
          await Promise.all([first.close(), second.close()]);
          await deleteKeysWithPrefix(admin, redis.keyPrefix);
        },
      };
    },
  });
});

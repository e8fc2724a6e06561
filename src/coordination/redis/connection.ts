import { Redis } from "ioredis";
import type { CoordinationLogger } from "../types.js";

/** Unreachable hosts fail over to the retry strategy in 2 s instead of ioredis' default 10 s. */
const CONNECT_TIMEOUT_MS = 2_000;
/**
 * A connection that stays open while Redis has stopped answering (a hung server, a partition without a
 * reset) is dropped after this long with commands pending, which fails them and starts a reconnect.
 */
const SILENT_SOCKET_TIMEOUT_MS = 2_000;
const LONGEST_RECONNECT_DELAY_MS = 1_000;

/** Never gives up (a retry strategy returning a number), so the service recovers by itself when Redis is back. */
function reconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** attempt, LONGEST_RECONNECT_DELAY_MS);
}

/**
 * For request-path commands (dedup, locks, tokens, rate limits). A command issued while disconnected waits
 * for the reconnect attempt under way and fails if that attempt fails — within about a second, so a
 * webhook answers with an error the platform retries instead of hanging. A command whose reply was lost
 * with the connection fails too rather than being sent again: a resent SET NX would answer "already
 * claimed" to the very caller that claimed it.
 */
export function openCommandConnection(url: string, logger: CoordinationLogger): Redis {
  const redis = new Redis(url, {
    connectionName: "coordination",
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    socketTimeout: SILENT_SOCKET_TIMEOUT_MS,
    retryStrategy: reconnectDelayMs,
  });
  reportOutages(redis, "commands", logger);
  return redis;
}

/** For BullMQ, which requires commands to wait for the connection however long it takes. */
export function openQueueConnection(url: string, logger: CoordinationLogger): Redis {
  const redis = new Redis(url, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null,
    retryStrategy: reconnectDelayMs,
  });
  reportOutages(redis, "queues", logger);
  return redis;
}

/**
 * The listener also keeps ioredis from crashing the process: an 'error' event without one is thrown.
 * ioredis emits an error per reconnect attempt, so only the first of an outage is logged.
 */
function reportOutages(redis: Redis, role: string, logger: CoordinationLogger): void {
  let inOutage = false;
  redis.on("error", (error: Error) => {
    if (inOutage) return;
    inOutage = true;
    logger.warn({ redis: role, err: error.message }, "Redis connection failed; reconnecting");
  });
  redis.on("ready", () => {
    if (!inOutage) return;
    inOutage = false;
    logger.info({ redis: role }, "Redis connection restored");
  });
}

export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === "ready") {
    try {
      await redis.quit();
      return;
    } catch {
      // The connection broke during QUIT; dropping it below is all that is left to do.
    }
  }
  redis.disconnect();
}

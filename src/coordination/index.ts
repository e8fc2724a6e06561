import { MemoryCoordination } from "./memory/coordination.js";
import { RedisCoordination, type RedisCoordinationOptions } from "./redis/coordination.js";
import type { Coordination, CoordinationLogger } from "./types.js";

export type * from "./types.js";
export type { RedisCoordinationOptions } from "./redis/coordination.js";
export { PermanentJobError, RetryLaterError } from "./job-errors.js";

export interface CoordinationOptions {
  /** Set in the scaled mode (REDIS_URL); without it everything stays inside this process. */
  redis?: RedisCoordinationOptions;
  logger?: CoordinationLogger;
}

const silentLogger: CoordinationLogger = { info() {}, warn() {}, error() {} };

export function createCoordination(options: CoordinationOptions = {}): Coordination {
  const logger = options.logger ?? silentLogger;
  return options.redis ? new RedisCoordination(options.redis, logger) : new MemoryCoordination(logger);
}

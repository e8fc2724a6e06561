import type { Redis } from "ioredis";
import { KeyStoreDedup } from "../dedup.js";
import { LeaseLockService } from "../lock-service.js";
import { QueueRegistry } from "../queue-registry.js";
import { SingleFlightTokenCache } from "../token-cache.js";
import type {
  Coordination,
  CoordinationLogger,
  DedupStore,
  JobQueue,
  LockService,
  RateLimiter,
  TokenCache,
} from "../types.js";
import { closeConnection, openCommandConnection, openQueueConnection } from "./connection.js";
import { RedisJobQueue } from "./job-queue.js";
import { RedisKeyStore } from "./key-store.js";
import { RedisRateLimiter } from "./rate-limiter.js";

/** Readiness probes must answer quickly even when Redis hangs or is gone. */
const PING_TIMEOUT_MS = 1_000;

export interface RedisCoordinationOptions {
  url: string;
  /** Every key this instance writes starts with it (BullMQ's under `<keyPrefix>bull`); instances sharing it cooperate. */
  keyPrefix: string;
}

/** The scaled mode: all instances with the same Redis and key prefix share dedup, locks, tokens, limits and jobs. */
export class RedisCoordination implements Coordination {
  readonly mode = "redis";
  readonly dedup: DedupStore;
  readonly locks: LockService;
  readonly tokens: TokenCache;
  readonly rateLimiter: RateLimiter;
  private readonly commands: Redis;
  /** Opened with the first queue, so an instance that uses no queue holds no BullMQ connections. */
  private queueConnection: Redis | undefined;
  private readonly queues: QueueRegistry;

  constructor(
    private readonly options: RedisCoordinationOptions,
    private readonly logger: CoordinationLogger,
  ) {
    this.commands = openCommandConnection(options.url, logger);
    const store = new RedisKeyStore(this.commands, options.keyPrefix);
    this.dedup = new KeyStoreDedup(store);
    this.locks = new LeaseLockService(store, logger);
    this.tokens = new SingleFlightTokenCache(store, this.locks);
    this.rateLimiter = new RedisRateLimiter(this.commands, options.keyPrefix);
    this.queues = new QueueRegistry(
      (name) => new RedisJobQueue<unknown>(name, this.sharedQueueConnection(), `${options.keyPrefix}bull`, logger),
    );
  }

  queue<T>(name: string): JobQueue<T> {
    return this.queues.get<T>(name);
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.commands.ping(), timeout]);
    } catch (error) {
      throw new Error(`Redis is unreachable: ${(error as Error).message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.queues.closeAll();
    await Promise.all([
      closeConnection(this.commands),
      this.queueConnection ? closeConnection(this.queueConnection) : undefined,
    ]);
  }

  private sharedQueueConnection(): Redis {
    this.queueConnection ??= openQueueConnection(this.options.url, this.logger);
    return this.queueConnection;
  }
}

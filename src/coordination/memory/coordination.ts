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
import { MemoryJobQueue } from "./job-queue.js";
import { MemoryKeyStore } from "./key-store.js";
import { MemoryRateLimiter } from "./rate-limiter.js";

/** The embedded mode: one process is the only instance, so its own memory is the shared state. */
export class MemoryCoordination implements Coordination {
  readonly mode = "memory";
  readonly dedup: DedupStore;
  readonly locks: LockService;
  readonly tokens: TokenCache;
  readonly rateLimiter: RateLimiter = new MemoryRateLimiter();
  private readonly queues: QueueRegistry;

  constructor(logger: CoordinationLogger) {
    const store = new MemoryKeyStore();
    this.dedup = new KeyStoreDedup(store);
    this.locks = new LeaseLockService(store, logger);
    this.tokens = new SingleFlightTokenCache(store, this.locks);
    this.queues = new QueueRegistry((name) => new MemoryJobQueue<unknown>(name, logger));
  }

  queue<T>(name: string): JobQueue<T> {
    return this.queues.get<T>(name);
  }

  async ping(): Promise<void> {}

  close(): Promise<void> {
    return this.queues.closeAll();
  }
}

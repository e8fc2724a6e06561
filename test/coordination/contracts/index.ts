import type { CoordinationHarness } from "../harness.js";
import { dedupContract } from "./dedup.js";
import { jobQueueContract } from "./job-queue.js";
import { lockContract } from "./locks.js";
import { rateLimiterContract } from "./rate-limiter.js";
import { tokenCacheContract } from "./token-cache.js";

/** Everything callers may rely on, whichever implementation they were given. */
export function coordinationContract(harness: CoordinationHarness): void {
  dedupContract(harness);
  lockContract(harness);
  tokenCacheContract(harness);
  rateLimiterContract(harness);
  jobQueueContract(harness);
}

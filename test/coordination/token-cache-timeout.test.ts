import { describe, expect, it } from "vitest";
import { LeaseLockService } from "../../src/coordination/lock-service.js";
import { MemoryKeyStore } from "../../src/coordination/memory/key-store.js";
import { SingleFlightTokenCache } from "../../src/coordination/token-cache.js";
import { recordingLogger } from "./harness.js";

describe("token cache facing a gettoken call that never returns", () => {
  it("abandons the fetch, aborts its signal and lets the next caller fetch", async () => {
    const store = new MemoryKeyStore();
    const locks = new LeaseLockService(store, recordingLogger([]));
    const tokens = new SingleFlightTokenCache(store, locks, { fetchTimeoutMs: 100 });
    let hungSignal: AbortSignal | undefined;
    const hangs = (signal: AbortSignal) => {
      hungSignal = signal;
      return new Promise<never>(() => {});
    };

    await expect(tokens.getOrRefresh("app", hangs)).rejects.toThrow(/took longer than 100 ms/);
    expect(hungSignal?.aborted).toBe(true);

    const answers = async () => ({ value: "fresh", ttlSeconds: 60 });
    expect(await tokens.getOrRefresh("app", answers)).toBe("fresh");
  });
});

import { describe, expect, it } from "vitest";
import type { FreshToken } from "../../../src/coordination/index.js";
import { sleep, useWorld, type CoordinationHarness } from "../harness.js";

/** A stand-in for the platform's gettoken endpoint: numbered tokens, a count of calls, a little latency. */
function tokenEndpoint(ttlSeconds = 7200) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fetch: async (): Promise<FreshToken> => {
      calls += 1;
      const value = `token-${calls}`;
      await sleep(100);
      return { value, ttlSeconds };
    },
  };
}

export function tokenCacheContract(harness: CoordinationHarness): void {
  describe("token cache", () => {
    const world = useWorld(harness);

    it("fetches once for ten concurrent callers spread over two instances", async () => {
      const { first, second } = world();
      const endpoint = tokenEndpoint();
      const tokens = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? first : second).tokens.getOrRefresh("wecom:app", endpoint.fetch)),
      );
      expect(endpoint.calls).toBe(1);
      expect(new Set(tokens)).toEqual(new Set(["token-1"]));
    });

    it("serves the cached token until 90% of its lifetime, then fetches a new one", async () => {
      const { first, second } = world();
      const endpoint = tokenEndpoint(2);
      expect(await first.tokens.getOrRefresh("app", endpoint.fetch)).toBe("token-1");
      await sleep(1_100);
      expect(await second.tokens.getOrRefresh("app", endpoint.fetch)).toBe("token-1");
      await sleep(800);
      expect(await second.tokens.getOrRefresh("app", endpoint.fetch)).toBe("token-2");
      expect(endpoint.calls).toBe(2);
    });

    it("fetches again after the platform rejected the token (40014/42001) and it was invalidated", async () => {
      const { first, second } = world();
      const endpoint = tokenEndpoint();
      const rejected = await first.tokens.getOrRefresh("app", endpoint.fetch);
      await first.tokens.invalidate("app", rejected);
      expect(await second.tokens.getOrRefresh("app", endpoint.fetch)).toBe("token-2");
    });

    it("keeps a token another caller already refreshed when a late invalidate names the old one", async () => {
      const { first, second } = world();
      const endpoint = tokenEndpoint();
      const old = await first.tokens.getOrRefresh("app", endpoint.fetch);
      await second.tokens.invalidate("app");
      const refreshed = await second.tokens.getOrRefresh("app", endpoint.fetch);
      await first.tokens.invalidate("app", old);
      expect(await first.tokens.getOrRefresh("app", endpoint.fetch)).toBe(refreshed);
      expect(endpoint.calls).toBe(2);
    });

    it("rejects every waiting caller when the fetch fails, and tries again on the next call", async () => {
      const { first } = world();
      let calls = 0;
      const flaky = async (): Promise<FreshToken> => {
        calls += 1;
        await sleep(50);
        if (calls === 1) throw new Error("gettoken returned 500");
        return { value: "recovered", ttlSeconds: 7200 };
      };
      const results = await Promise.allSettled([
        first.tokens.getOrRefresh("app", flaky),
        first.tokens.getOrRefresh("app", flaky),
      ]);
      expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
      expect(await first.tokens.getOrRefresh("app", flaky)).toBe("recovered");
      expect(calls).toBe(2);
    });

    it("refuses a fetched token without a usable lifetime", async () => {
      const { first } = world();
      await expect(
        first.tokens.getOrRefresh("app", async () => ({ value: "t", ttlSeconds: 0 })),
      ).rejects.toThrow(/ttlSeconds/);
    });
  });
}

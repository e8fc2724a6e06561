import { describe, expect, it } from "vitest";
import { sleep, useWorld, type CoordinationHarness } from "../harness.js";

export function dedupContract(harness: CoordinationHarness): void {
  describe("dedup", () => {
    const world = useWorld(harness);

    it("lets exactly one of many concurrent claims on two instances win (a platform retry racing the original)", async () => {
      const { first, second } = world();
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).dedup.claim("wecom:msg-1", 60)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it("keeps different keys independent", async () => {
      const { first } = world();
      expect(await first.dedup.claim("msg-a", 60)).toBe(true);
      expect(await first.dedup.claim("msg-b", 60)).toBe(true);
      expect(await first.dedup.claim("msg-a", 60)).toBe(false);
    });

    it("forgets a claim after its ttl", async () => {
      const { first, second } = world();
      expect(await first.dedup.claim("short", 0.2)).toBe(true);
      expect(await second.dedup.claim("short", 0.2)).toBe(false);
      await sleep(300);
      expect(await second.dedup.claim("short", 0.2)).toBe(true);
    });

    it("lets the retry through after a failed handler releases its claim", async () => {
      const { first, second } = world();
      expect(await first.dedup.claim("msg-failed", 60)).toBe(true);
      await first.dedup.release("msg-failed");
      expect(await second.dedup.claim("msg-failed", 60)).toBe(true);
    });

    it("refuses a ttl that is not positive", async () => {
      await expect(world().first.dedup.claim("k", 0)).rejects.toThrow(/positive/);
    });
  });
}

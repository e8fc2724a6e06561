import { describe, expect, it } from "vitest";
import { sleep, useWorld, type CoordinationHarness } from "../harness.js";

export function rateLimiterContract(harness: CoordinationHarness): void {
  describe("rate limiter", () => {
    const world = useWorld(harness);

    it("allows exactly 20 of 50 parallel sends to one robot from two instances (20/min)", async () => {
      const { first, second } = world();
      const perMinute = { count: 20, windowMs: 60_000 };
      const decisions = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? first : second).rateLimiter.take("robot:key-1", perMinute)),
      );
      const denied = decisions.filter((decision) => !decision.allowed);
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(20);
      expect(denied).toHaveLength(30);
      for (const decision of denied) {
        expect(decision.retryAfterMs).toBeGreaterThan(0);
        expect(decision.retryAfterMs).toBeLessThanOrEqual(60_000);
      }
    });

    it("frees a slot when the oldest take leaves the window, not before", async () => {
      const { first, second } = world();
      const limit = { count: 2, windowMs: 600 };
      expect((await first.rateLimiter.take("robot", limit)).allowed).toBe(true);
      expect((await second.rateLimiter.take("robot", limit)).allowed).toBe(true);
      const denied = await first.rateLimiter.take("robot", limit);
      expect(denied.allowed).toBe(false);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(600);
      await sleep(Math.max(0, denied.retryAfterMs - 150));
      expect((await second.rateLimiter.take("robot", limit)).allowed).toBe(false);
      await sleep(200);
      expect(await second.rateLimiter.take("robot", limit)).toEqual({ allowed: true, retryAfterMs: 0 });
    });

    it("keeps each key's window separate", async () => {
      const { first } = world();
      const limit = { count: 1, windowMs: 60_000 };
      expect((await first.rateLimiter.take("robot-a", limit)).allowed).toBe(true);
      expect((await first.rateLimiter.take("robot-b", limit)).allowed).toBe(true);
      expect((await first.rateLimiter.take("robot-a", limit)).allowed).toBe(false);
    });

    it("refuses a limit that cannot be honoured", async () => {
      const { first } = world();
      await expect(first.rateLimiter.take("robot", { count: 0, windowMs: 1000 })).rejects.toThrow(/count/);
      await expect(first.rateLimiter.take("robot", { count: 1, windowMs: 0 })).rejects.toThrow(/windowMs/);
    });
  });
}

import { describe, expect, it } from "vitest";
import { sleep, useWorld, type CoordinationHarness } from "../harness.js";

export function lockContract(harness: CoordinationHarness): void {
  describe("locks", () => {
    const world = useWorld(harness);

    it("gives the lease to exactly one of two instances racing for it", async () => {
      const { first, second } = world();
      const leases = await Promise.all([
        first.locks.tryAcquire("digest", 5_000),
        second.locks.tryAcquire("digest", 5_000),
        first.locks.tryAcquire("digest", 5_000),
        second.locks.tryAcquire("digest", 5_000),
      ]);
      expect(leases.filter((lease) => lease !== undefined)).toHaveLength(1);
    });

    it("frees the lock on release, once", async () => {
      const { first, second } = world();
      const lease = await first.locks.tryAcquire("digest", 5_000);
      expect(lease?.name).toBe("digest");
      expect(await lease?.release()).toBe(true);
      expect(lease?.signal.aborted).toBe(true);
      expect(await lease?.release()).toBe(false);
      expect(await second.locks.tryAcquire("digest", 5_000)).toBeDefined();
    });

    it("never lets a holder whose lease expired release or extend the next holder's lock", async () => {
      const { first, second } = world();
      const stale = await first.locks.tryAcquire("digest", 100);
      await sleep(150);
      const current = await second.locks.tryAcquire("digest", 5_000);
      expect(current).toBeDefined();
      expect(await stale?.extend(5_000)).toBe(false);
      expect(stale?.signal.aborted).toBe(true);
      expect(await stale?.release()).toBe(false);
      expect(await first.locks.tryAcquire("digest", 5_000)).toBeUndefined();
    });

    it("keeps the lease past its first ttl when extended in time", async () => {
      const { first, second } = world();
      const lease = await first.locks.tryAcquire("digest", 200);
      await sleep(100);
      expect(await lease?.extend(400)).toBe(true);
      await sleep(200);
      expect(await second.locks.tryAcquire("digest", 5_000)).toBeUndefined();
    });

    it("runs withLock's work only where the lock was free, and releases it afterwards", async () => {
      const { first, second } = world();
      const outcome = await first.locks.withLock("digest", 5_000, async () => {
        const whileHeld = await second.locks.withLock("digest", 5_000, async () => "ran twice");
        return whileHeld;
      });
      expect(outcome).toEqual({ acquired: true, value: { acquired: false } });
      expect(await second.locks.withLock("digest", 5_000, async () => "free again")).toEqual({
        acquired: true,
        value: "free again",
      });
    });

    it("releases the lock when withLock's work throws, and passes the error on", async () => {
      const { first, second } = world();
      await expect(
        first.locks.withLock("digest", 5_000, async () => {
          throw new Error("send failed");
        }),
      ).rejects.toThrow("send failed");
      expect(await second.locks.tryAcquire("digest", 5_000)).toBeDefined();
    });

    it("renews the lease while withLock's work outlasts the ttl, so no other instance gets in", async () => {
      const { first, second } = world();
      const intruders: unknown[] = [];
      const outcome = await first.locks.withLock("digest", 150, async (lock) => {
        for (let i = 0; i < 5; i++) {
          await sleep(100);
          intruders.push(await second.locks.tryAcquire("digest", 5_000));
        }
        return lock.signal.aborted;
      });
      expect(outcome).toEqual({ acquired: true, value: false });
      expect(intruders.every((intruder) => intruder === undefined)).toBe(true);
    });
  });
}

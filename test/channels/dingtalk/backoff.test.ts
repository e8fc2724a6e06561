import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../../src/channels/dingtalk/stream/backoff.js";

const policy = { initialMs: 1_000, maxMs: 60_000 };

describe("stream reconnection back-off", () => {
  it("doubles after each failure up to the ceiling", () => {
    const highest = (failures: number) => backoffDelay(failures, policy, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(highest)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it("keeps at least half of each delay fixed, so jitter never collapses the pauses", () => {
    const lowest = (failures: number) => backoffDelay(failures, policy, () => 0);
    expect([1, 2, 3, 7].map(lowest)).toEqual([500, 1_000, 2_000, 30_000]);
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelay(3, policy);
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});

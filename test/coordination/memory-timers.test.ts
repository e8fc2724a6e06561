import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCoordination, type Coordination } from "../../src/coordination/index.js";

/**
 * The in-process implementation runs on Node's timers and Date, so fake timers can walk it through weeks
 * and months; the Redis implementation is covered by the same contract in real time.
 */
describe("in-process coordination on a fake clock", () => {
  let coordination: Coordination;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2025-01-05T12:00:00Z") }); // a Sunday, 20:00 in Shanghai
    coordination = createCoordination();
  });

  afterEach(async () => {
    await coordination.close();
    vi.useRealTimers();
  });

  it("fires the Monday 09:00 Shanghai digest at 01:00 UTC each Monday, and not a second earlier", async () => {
    const firedAt: string[] = [];
    const queue = coordination.queue<{ kind: string }>("digests");
    queue.process(async () => {
      firedAt.push(new Date().toISOString());
    });
    await queue.schedule("weekly-overdue", { pattern: "0 9 * * 1", tz: "Asia/Shanghai" }, "digest", {
      kind: "overdue",
    });
    await vi.advanceTimersByTimeAsync(Date.parse("2025-01-06T00:59:59Z") - Date.now());
    expect(firedAt).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(firedAt).toEqual(["2025-01-06T01:00:00.000Z"]);
    await vi.advanceTimersByTimeAsync(7 * 24 * 60 * 60 * 1000);
    expect(firedAt).toEqual(["2025-01-06T01:00:00.000Z", "2025-01-13T01:00:00.000Z"]);
  });

  it("waits out a schedule months ahead, longer than a Node timer can, without firing early", async () => {
    const firedAt: string[] = [];
    const queue = coordination.queue<null>("nudges");
    queue.process(async () => {
      firedAt.push(new Date().toISOString());
    });
    await queue.schedule("annual-shortfall", { pattern: "0 9 1 11 *", tz: "Asia/Shanghai" }, "nudge", null);
    const [schedule] = await queue.listSchedules();
    expect(schedule?.nextRunAt?.toISOString()).toBe("2025-11-01T01:00:00.000Z");
    await vi.advanceTimersByTimeAsync(Date.parse("2025-11-01T00:59:00Z") - Date.now());
    expect(firedAt).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(firedAt).toEqual(["2025-11-01T01:00:00.000Z"]);
  });

  it("never allows more than the limit in any window, and always allows when the window has room", async () => {
    const limit = { count: 3, windowMs: 1_000 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 40 }), async (gaps) => {
        const key = `robot-${Math.random()}`;
        const allowedAt: number[] = [];
        for (const gap of gaps) {
          await vi.advanceTimersByTimeAsync(gap);
          const now = Date.now();
          const inWindow = allowedAt.filter((takenAt) => takenAt > now - limit.windowMs);
          const decision = await coordination.rateLimiter.take(key, limit);
          expect(decision.allowed).toBe(inWindow.length < limit.count);
          if (decision.allowed) allowedAt.push(now);
          else expect(decision.retryAfterMs).toBe(inWindow[0]! + limit.windowMs - now);
        }
      }),
      { numRuns: 50 },
    );
  });
});

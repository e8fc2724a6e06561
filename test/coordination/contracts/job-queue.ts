import { describe, expect, it, vi } from "vitest";
import {
  PermanentJobError,
  RetryLaterError,
  type JobContext,
  type JobHandler,
} from "../../../src/coordination/index.js";
import { sleep, useWorld, type CoordinationHarness } from "../harness.js";

interface Delivery {
  deliveryId: number;
}

interface Run extends JobContext<Delivery> {
  at: number;
}

/** A handler that records every run; `behave` decides per run whether it throws. */
function recordingHandler(behave: (run: Run) => Promise<void> = async () => {}) {
  const runs: Run[] = [];
  const handler: JobHandler<Delivery> = async (job) => {
    const run = { ...job, at: Date.now() };
    runs.push(run);
    await behave(run);
  };
  return { runs, handler };
}

/** Next Monday 09:00 in UTC+8 (China has no daylight saving), computed without any cron library. */
function nextMondayNineInShanghai(after: Date): Date {
  const shanghaiOffsetMs = 8 * 60 * 60 * 1000;
  const local = new Date(after.getTime() + shanghaiOffsetMs);
  const candidate = new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 9) - shanghaiOffsetMs,
  );
  const daysUntilMonday = (8 - local.getUTCDay()) % 7;
  candidate.setTime(candidate.getTime() + daysUntilMonday * 24 * 60 * 60 * 1000);
  if (candidate.getTime() <= after.getTime()) candidate.setTime(candidate.getTime() + 7 * 24 * 60 * 60 * 1000);
  return candidate;
}

export function jobQueueContract(harness: CoordinationHarness): void {
  describe("job queue", () => {
    const world = useWorld(harness);

    it("processes on one instance a job added by another, with its data and name", async () => {
      const { first, second } = world();
      const { runs, handler } = recordingHandler();
      second.queue<Delivery>("deliveries").process(handler);
      const id = await first.queue<Delivery>("deliveries").add("send", { deliveryId: 7 });
      await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 5_000 });
      expect(runs[0]).toMatchObject({ id, name: "send", data: { deliveryId: 7 }, attempt: 1 });
    });

    it("hands the handler a JSON copy of the data, as it would travel through Redis", async () => {
      const { first } = world();
      const seen: unknown[] = [];
      first.queue<{ at: Date }>("copies").process(async (job) => {
        seen.push(job.data.at);
      });
      await first.queue<{ at: Date }>("copies").add("stamp", { at: new Date("2025-01-06T01:00:00Z") });
      await vi.waitFor(() => expect(seen).toEqual(["2025-01-06T01:00:00.000Z"]), { timeout: 5_000 });
    });

    it("runs a delayed job after its delay and not before", async () => {
      const { first, second } = world();
      const { runs, handler } = recordingHandler();
      first.queue<Delivery>("deliveries").process(handler);
      const addedAt = Date.now();
      await second.queue<Delivery>("deliveries").add("remind", { deliveryId: 1 }, { delayMs: 800 });
      await sleep(500);
      expect(runs).toHaveLength(0);
      await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 5_000 });
      expect(runs[0]!.at - addedAt).toBeGreaterThanOrEqual(800);
    });

    it("processes a job once when two instances add it with the same jobId, and again never after it ran", async () => {
      const { first, second } = world();
      const { runs, handler } = recordingHandler();
      first.queue<Delivery>("deliveries").process(handler);
      const jobId = "delivery:42"; // ':' and digits are fine here, although BullMQ refuses them in its own ids
      const ids = await Promise.all([
        first.queue<Delivery>("deliveries").add("send", { deliveryId: 42 }, { jobId }),
        second.queue<Delivery>("deliveries").add("send", { deliveryId: 42 }, { jobId }),
      ]);
      expect(ids).toEqual([jobId, jobId]);
      await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 5_000 });
      await second.queue<Delivery>("deliveries").add("send", { deliveryId: 42 }, { jobId });
      await sleep(400);
      expect(runs.map((run) => run.id)).toEqual([jobId]);
    });

    it("retries a failing job with exponential backoff until it succeeds", async () => {
      const { first } = world();
      const { runs, handler } = recordingHandler(async (run) => {
        if (run.attempt < 3) throw new Error("platform returned 502");
      });
      const queue = first.queue<Delivery>("deliveries");
      queue.process(handler);
      await queue.add("send", { deliveryId: 3 }, { attempts: 4, backoff: { type: "exponential", delayMs: 150 } });
      await vi.waitFor(() => expect(runs).toHaveLength(3), { timeout: 5_000 });
      await sleep(300);
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
      expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(150);
      expect(runs[2]!.at - runs[1]!.at).toBeGreaterThanOrEqual(300);
    });

    it("gives up after the last attempt and logs the failure with the job's id", async () => {
      const { first, logs } = world();
      const { runs, handler } = recordingHandler(async () => {
        throw new Error("platform returned 502");
      });
      const queue = first.queue<Delivery>("deliveries");
      queue.process(handler);
      await queue.add("send", { deliveryId: 4 }, { jobId: "d-4", attempts: 2, backoff: { type: "fixed", delayMs: 50 } });
      await vi.waitFor(
        () => expect(logs.filter((line) => line.message === "job failed for good")).toHaveLength(1),
        { timeout: 5_000 },
      );
      await sleep(300);
      expect(runs).toHaveLength(2);
      expect(logs.find((line) => line.level === "error")?.details).toMatchObject({ queue: "deliveries" });
    });

    it("does not retry a job whose handler threw PermanentJobError (a dead robot)", async () => {
      const { first } = world();
      const { runs, handler } = recordingHandler(async () => {
        throw new PermanentJobError("93000: robot removed from the group");
      });
      const queue = first.queue<Delivery>("deliveries");
      queue.process(handler);
      await queue.add("send", { deliveryId: 5 }, { attempts: 5, backoff: { type: "fixed", delayMs: 50 } });
      await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 5_000 });
      await sleep(400);
      expect(runs).toHaveLength(1);
    });

    it("postpones a job that threw RetryLaterError without using up an attempt (rate limited)", async () => {
      const { first } = world();
      const { runs, handler } = recordingHandler(async () => {
        if (runs.length === 1) throw new RetryLaterError(300);
      });
      const queue = first.queue<Delivery>("deliveries");
      queue.process(handler);
      await queue.add("send", { deliveryId: 6 });
      await vi.waitFor(() => expect(runs).toHaveLength(2), { timeout: 5_000 });
      expect(runs.map((run) => run.attempt)).toEqual([1, 1]);
      expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(300);
    });

    it("adds one job per tick of a schedule, however many instances set it up", async () => {
      const { first, second } = world();
      const { runs, handler } = recordingHandler();
      first.queue<Delivery>("digests").process(handler);
      const everySecond = { pattern: "* * * * * *", tz: "Asia/Shanghai" };
      const scheduledAt = Date.now();
      // Instances starting together race for the schedule's first tick; every one must succeed.
      await Promise.all(
        [first, second, first, second, first, second].map((instance) =>
          instance.queue<Delivery>("digests").schedule("weekly-digest", everySecond, "digest", { deliveryId: 0 }),
        ),
      );
      await sleep(2_500);
      const ticksSoFar = Math.floor(Date.now() / 1000) - Math.floor(scheduledAt / 1000);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.length).toBeLessThanOrEqual(ticksSoFar);
      expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
      expect(runs.every((run) => run.name === "digest" && run.data.deliveryId === 0)).toBe(true);
    });

    it("stops adding jobs once the schedule is removed", async () => {
      const { first } = world();
      const { runs, handler } = recordingHandler();
      const queue = first.queue<Delivery>("digests");
      queue.process(handler);
      await queue.schedule("ticker", { pattern: "* * * * * *", tz: "UTC" }, "tick", { deliveryId: 0 });
      await vi.waitFor(() => expect(runs.length).toBeGreaterThanOrEqual(1), { timeout: 5_000 });
      expect(await queue.removeSchedule("ticker")).toBe(true);
      expect(await queue.removeSchedule("ticker")).toBe(false);
      await sleep(300);
      const runsAfterRemoval = runs.length;
      await sleep(1_500);
      expect(runs.length).toBe(runsAfterRemoval);
      expect(await queue.listSchedules()).toEqual([]);
    });

    it("reads a schedule's pattern in its own time zone (Monday 09:00 Shanghai is 01:00 UTC)", async () => {
      const { first } = world();
      const queue = first.queue<Delivery>("digests");
      const before = new Date();
      await queue.schedule("weekly-shanghai", { pattern: "0 9 * * 1", tz: "Asia/Shanghai" }, "digest", {
        deliveryId: 0,
      });
      await queue.schedule("weekly-utc", { pattern: "0 9 * * 1", tz: "UTC" }, "digest", { deliveryId: 0 });
      const [shanghai, utc] = await queue.listSchedules();
      expect(shanghai).toMatchObject({ schedulerId: "weekly-shanghai", name: "digest", tz: "Asia/Shanghai" });
      expect(shanghai?.nextRunAt?.toISOString()).toBe(nextMondayNineInShanghai(before).toISOString());
      expect(utc?.nextRunAt?.getUTCHours()).toBe(9);
    });

    it("refuses names, patterns and zones it could not honour, before storing anything", async () => {
      const { first } = world();
      expect(() => first.queue("bad:name")).toThrow(/Queue name/);
      const queue = first.queue<Delivery>("digests");
      const data = { deliveryId: 0 };
      await expect(queue.schedule("s", { pattern: "61 * * * *", tz: "UTC" }, "x", data)).rejects.toThrow(/cron/);
      await expect(queue.schedule("s", { pattern: "0 9 * * 1", tz: "Mars/Olympus" }, "x", data)).rejects.toThrow(
        /time zone/,
      );
      await expect(queue.schedule("a:b", { pattern: "0 9 * * 1", tz: "UTC" }, "x", data)).rejects.toThrow(
        /Scheduler id/,
      );
      await expect(queue.add("x", data, { attempts: 0 })).rejects.toThrow(/attempts/);
      expect(await queue.listSchedules()).toEqual([]);
    });

    it("lets close() finish the running job and start no other", async () => {
      const { first } = world();
      let finished = 0;
      const { runs, handler } = recordingHandler(async () => {
        await sleep(300);
        finished += 1;
      });
      const queue = first.queue<Delivery>("deliveries");
      queue.process(handler, { concurrency: 1 });
      await queue.add("send", { deliveryId: 1 });
      await queue.add("send", { deliveryId: 2 });
      await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 5_000 });
      await queue.close();
      expect(finished).toBe(1);
      await sleep(500);
      expect(runs).toHaveLength(1);
    });

    it("closes promptly with idle workers", async () => {
      const { first } = world();
      first.queue<Delivery>("deliveries").process(async () => {});
      first.queue<Delivery>("digests").process(async () => {});
      await sleep(200);
      const startedAt = Date.now();
      await first.close();
      expect(Date.now() - startedAt).toBeLessThan(2_000);
    });
  });
}

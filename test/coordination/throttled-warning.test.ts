import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttledWarning } from "../../src/coordination/redis/throttled-warning.js";
import { recordingLogger, type LogLine } from "./harness.js";

describe("throttled warnings for BullMQ's repeated connection errors", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("logs the first error of a burst, then one a minute with how many were left out", () => {
    const logs: LogLine[] = [];
    const warn = throttledWarning(recordingLogger(logs), { queue: "deliveries" }, "job worker error");
    const refused = new Error("connect ECONNREFUSED 127.0.0.1:6379");
    for (let second = 0; second < 125; second++) {
      warn(refused);
      vi.advanceTimersByTime(1_000);
    }
    expect(logs.map((line) => line.details)).toEqual([
      { queue: "deliveries", err: refused.message, similarErrorsLeftOut: 0 },
      { queue: "deliveries", err: refused.message, similarErrorsLeftOut: 59 },
      { queue: "deliveries", err: refused.message, similarErrorsLeftOut: 59 },
    ]);
  });
});

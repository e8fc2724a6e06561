import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBullJobId, toBullJobId } from "../../src/coordination/redis/job-id.js";

describe("BullMQ job ids", () => {
  it("turns any jobId into one BullMQ accepts, and back", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (jobId) => {
        const bullJobId = toBullJobId(jobId);
        expect(bullJobId).not.toContain(":");
        expect(`${Number.parseInt(bullJobId, 10)}`).not.toBe(bullJobId);
        expect(fromBullJobId(bullJobId)).toBe(jobId);
      }),
    );
  });

  it("keeps distinct jobIds distinct", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(toBullJobId(a)).not.toBe(toBullJobId(b));
      }),
    );
  });

  it("passes ids that BullMQ chose through unchanged", () => {
    expect(fromBullJobId("17")).toBe("17");
    expect(fromBullJobId("repeat:weekly-digest:1736125200000")).toBe("repeat:weekly-digest:1736125200000");
  });

  it("escapes the escape character, so '%3A' and ':' stay different", () => {
    expect(toBullJobId("delivery:1")).toBe("k-delivery%3A1");
    expect(toBullJobId("delivery%3A1")).toBe("k-delivery%253A1");
    expect(fromBullJobId("k-delivery%253A1")).toBe("delivery%3A1");
  });
});

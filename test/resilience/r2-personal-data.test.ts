import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApi } from "../support/admin-api.js";
import { postgresUrl } from "../support/services.js";
import { countRows, inBatches } from "./support.js";

const SEED = 20_261_124;

type Hostile = { who: string; method: string; path: string; body?: string };

/** Values that are not what a field wants: out of range, fractional, the wrong type, JSON oddities. */
const notADayCount = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ max: min - 1 }),
    fc.integer({ min: max + 1 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
    fc.string({ maxLength: 20 }),
    fc.constantFrom(null, true, false, [], {}, "90", "1e3", "0x10", -0.5),
  );
const junkId = fc.oneof(fc.uuid().map(String), fc.string({ maxLength: 40 }), fc.constantFrom("%00", "..", "T0002", "x".repeat(300), "__proto__"));
const junkBody = fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? "null"), fc.string({ maxLength: 200 }), fc.constantFrom("", "{", "[]", '{"__proto__":{"x":1}}'));

/**
 * R2 for the vault endpoints: export, erase, the token list and expiry, the retention setting. An
 * authorised caller with hostile ids and bodies gets 4xx, never 5xx, and nothing is written (not even an
 * audit row); the region's retention stays as it was.
 */
describe.skipIf(!postgresUrl)("R2 hostile input: personal data, tokens and retention (fast-check, fixed seed)", () => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  beforeAll(async () => {
    api = await startAdminApi("postgres");
  });
  afterAll(async () => api?.close());

  it("800 hostile requests → 0 5xx, nothing written", async () => {
    const realTeacher = api.ids.T0003!;
    const families: fc.Arbitrary<Hostile>[] = [
      fc.tuple(junkId, fc.constantFrom("export", "erase"), junkBody).map(([id, action, body]) => ({
        who: "A0001", method: action === "export" ? "GET" : "POST", path: `/teachers/${encodeURIComponent(id)}/${action}`, ...(action === "erase" ? { body } : {}),
      })),
      fc.record({ teacherId: fc.oneof(fc.constant(realTeacher), junkId), label: fc.oneof(fc.constant("令牌"), fc.string({ maxLength: 200 })), expiresInDays: notADayCount(1, 365) })
        .map((body) => ({ who: "A0001", method: "POST", path: "/tokens", body: JSON.stringify(body) })),
      fc.oneof(notADayCount(30, 3650).map((retentionDays) => JSON.stringify({ retentionDays })), junkBody.filter((body) => body !== '{"bindingRequiresCode":true}' && body !== '{"bindingRequiresCode":false}'))
        .map((body) => ({ who: "A0001", method: "PATCH", path: "/region", body })),
      fc.tuple(fc.constantFrom("T0002", "T0006", "A0001"), fc.string({ maxLength: 30 })).map(([who, query]) => ({ who, method: "GET", path: `/tokens?${encodeURIComponent(query)}` })),
    ];
    const requests = families.flatMap((family, index) => fc.sample(family, { seed: SEED + index, numRuns: 200 }));
    const before = await countRows(api.database.prisma);
    const histogram: Record<number, number> = {};
    const problems: string[] = [];
    await inBatches(requests, 8, async (request) => {
      const response = await fetch(`${api.base}/api/admin${request.path}`, {
        method: request.method,
        headers: { authorization: `Bearer ${api.tokens[request.who]}`, ...(request.body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
      await response.text();
      histogram[response.status] = (histogram[response.status] ?? 0) + 1;
      const expected = request.path.startsWith("/tokens?") ? [200] : [400, 404, 405];
      if (!expected.includes(response.status)) problems.push(`${request.method} ${request.path.slice(0, 80)} ${request.body?.slice(0, 80) ?? ""} → ${response.status}`);
    });
    console.info(`[R2 vault] ${requests.length} requests: ${JSON.stringify(histogram)}`);
    expect(problems.slice(0, 5)).toEqual([]);
    expect(await countRows(api.database.prisma)).toEqual(before);
    expect((await api.database.prisma.region.findFirstOrThrow({ where: { code: "demo-bozhou" } })).retentionDays).toBe(180);
    expect(await api.database.prisma.teacher.count({ where: { erasedAt: { not: null } } })).toBe(0);
  }, 60_000);
});

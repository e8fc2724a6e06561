import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiBotCallback, aiBotText, openAiBotReply } from "../support/fake-wecom-callbacks.js";
import { postgresUrl, redisUrl } from "../support/services.js";
import { countRows, inBatches, rawRequest } from "./support.js";
import { AIBOT, countKeys, startWorld, type World } from "./world.js";

const MESSAGES = 1_000;
const DELIVERIES = 3;
/** Messages in flight at once (each with its three deliveries racing): 150 requests in flight. */
const MESSAGE_CONCURRENCY = 50;
const TEACHERS = ["T0001", "T0002", "T0003", "T0004", "T0005", "T0006", "T0007", "T0008", "T0009", "T0010"];

/**
 * R1 — the race between WeCom's retries of one message: WeCom redelivers a callback it thinks went
 * unanswered, so three copies of one message can reach the service at once. Only the first claimant of
 * the message's dedup key may answer; the others must be acknowledged empty, and nothing may be written twice.
 */
describe.skipIf(!postgresUrl || !redisUrl)("R1 duplicate deliveries (PostgreSQL + Redis, in-process app on loopback)", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
    // Bind one WeCom account to each demo teacher (as 绑定 would), so every question is a real ledger read.
    for (const employeeNumber of TEACHERS) {
      await world.database.prisma.chatIdentity.create({ data: { platform: "wecom", platformUserId: `wx-r1-${employeeNumber}`, teacherId: world.ids[employeeNumber]! } });
    }
  });
  afterAll(async () => world?.dispose());

  it(`race: ${MESSAGES} 我有多少学分 callbacks, each delivered ${DELIVERIES}× concurrently → exactly ${MESSAGES} answers, ${MESSAGES} dedup keys, 0 rows written`, async () => {
    const before = await countRows(world.database.prisma);
    const runTag = Date.now().toString(36);
    const timestamp = Math.floor(Date.now() / 1000);
    const callbacks = Array.from({ length: MESSAGES }, (_, i) => {
      const from = `wx-r1-${TEACHERS[i % TEACHERS.length]}`;
      const msgid = `r1-${runTag}-${i}`;
      // A response_url too, so an answer that missed the reply budget would still be counted (and counted once).
      const responseUrl = `${world.fakeWecom.base}/cgi-bin/aibot/response?response_code=${msgid}`;
      return { msgid, from, callback: aiBotCallback(AIBOT, aiBotText({ msgid, from, content: "我有多少学分", responseUrl }), timestamp) };
    });

    const startedAt = performance.now();
    const results = await inBatches(callbacks, MESSAGE_CONCURRENCY, ({ callback }) =>
      Promise.all(
        Array.from({ length: DELIVERIES }, () =>
          rawRequest(world.served, { method: "POST", path: `/wecom/aibot?${callback.query}`, headers: { "content-type": "application/json" }, body: callback.body }),
        ),
      ),
    );
    const elapsedMs = performance.now() - startedAt;

    const all = results.flat();
    expect(all.filter((r) => r.status !== 200)).toEqual([]);
    const answeredPerMessage = results.map((deliveries) => deliveries.filter((d) => d.status === 200 && d.text.length > 0).length);
    const lateAnswers = world.fakeWecom.to("/cgi-bin/aibot/response").length;
    // Every message answered exactly once: in the HTTP response, or (had it been slow) through response_url.
    expect(lateAnswers).toBe(0);
    expect(answeredPerMessage.filter((n) => n !== 1)).toEqual([]);
    expect(answeredPerMessage.reduce((a, b) => a + b, 0)).toBe(MESSAGES);

    // Open a sample of the answers as WeCom would: signature, decryption for receiveid "", finished stream.
    for (const index of [0, 1, 137, 500, 998, MESSAGES - 1]) {
      const answer = results[index]!.find((d) => d.status === 200 && d.text.length > 0)!;
      const reply = openAiBotReply(AIBOT, JSON.parse((answer as { text: string }).text));
      expect(reply).toMatchObject({ msgtype: "stream", stream: { finish: true } });
      expect(reply.stream?.content).toMatch(/学分/);
    }

    expect(await countKeys(world.redis, `${world.keyPrefix}dedup:wecom:aibot:*`)).toBe(MESSAGES);
    expect(await countRows(world.database.prisma)).toEqual(before);
    console.info(`[R1] ${MESSAGES}×${DELIVERIES} = ${all.length} deliveries in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(all.length / (elapsedMs / 1000))} req/s), ${MESSAGES} answered once`);
  }, 120_000);
});

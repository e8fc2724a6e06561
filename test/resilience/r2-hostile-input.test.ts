import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dingtalkSign } from "../../src/channels/dingtalk/sign.js";
import { robotMessage } from "../support/fake-dingtalk-messages.js";
import { aiBotCallback, aiBotCallbackOf, aiBotText, appCallback, appTextXml, signedQuery } from "../support/fake-wecom-callbacks.js";
import { eventually } from "../support/fake-wecom.js";
import { postgresUrl, redisUrl } from "../support/services.js";
import { abortMidBody, countRows, inBatches, rawRequest, serveOnLoopback, trickleBody, type RawResponse } from "./support.js";
import { AIBOT, APP, CORP_ID, DINGTALK_SECRET, startWorld, type World } from "./world.js";

/** The seed every run uses, so a failure reproduces exactly; change it to explore further. */
const SEED = 20_261_123;
const CONCURRENCY = 16;

type HostileRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer | string };
type Family = {
  name: string;
  numRuns: number;
  arbitrary: (world: World, replays: Replays) => fc.Arbitrary<HostileRequest>;
  /** Statuses this family may get; all must be < 500 anyway. */
  allowed?: number[];
};
type Replays = { aibot: { query: string; body: string }[]; app: { query: string; body: string }[]; dingtalk: Record<string, unknown>[] };

const nowSeconds = () => Math.floor(Date.now() / 1000);
let lastTimestamp = 0;
/** Epoch ms for a DingTalk signature, never the same twice: a (timestamp, sign) pair is accepted once. */
const uniqueTimestamp = () => (lastTimestamp = Math.max(Date.now(), lastTimestamp + 1));
const safeEncode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80"; // a lone surrogate, percent-encoded as a broken client would
  }
};
/** Printable ASCII, the only bytes a header value can carry. */
const headerText = (maxLength = 80) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
/** Query strings with every trick: encoded junk, raw %-escapes that do not decode, repeated and empty keys. */
const hostileQueryValue = fc.oneof(
  fc.string({ maxLength: 60 }).map(safeEncode),
  fc.string({ unit: "binary", maxLength: 40 }).map(safeEncode),
  fc.constantFrom("%", "%zz", "%E4%B8", "%00", "", "0", "-1", "9999999999999", "1e308", "NaN", "[]", "%5B%5D", "__proto__", "constructor"),
  fc.integer().map(String),
);
const queryKey = fc.constantFrom("msg_signature", "timestamp", "nonce", "echostr", "signature", "__proto__", "a[b]", "timestamp[]", "");
const hostileQuery = fc.array(fc.tuple(queryKey, hostileQueryValue), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));
const randomBody = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: "binary", maxLength: 2000 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? "null"),
  fc.constantFrom("", "{", "null", "[]", '{"encrypt":null}', '{"encrypt":""}', '{"encrypt":{}}', '{"__proto__":{"polluted":1}}', "\u0000\u0000", "<xml>", "<?xml version='1.0'?>"),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map((o) => JSON.stringify(o)),
);
const contentType = fc.constantFrom("application/json", "text/xml", "application/xml", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=gbk", "");
const contentEncoding = fc.constantFrom(undefined, undefined, undefined, "gzip", "deflate", "br", "identity", "x-unknown");
const extraHeaders = fc.record(
  {
    "content-type": contentType,
    "content-encoding": contentEncoding,
    "x-forwarded-for": headerText(40),
    "user-agent": headerText(60),
    timestamp: headerText(20),
    sign: headerText(50),
    authorization: headerText(80),
    "x-request-id": headerText(100),
  },
  { requiredKeys: [] },
).map((headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>);
const base64ish = fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 600 }).map((b) => Buffer.from(b).toString("base64")), fc.string({ maxLength: 200 }));
/** A billion-laughs entity bomb: an XML parser that expands entities would blow up on it. */
const XML_BOMB = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]><xml><ToUserName>&lol5;</ToUserName><Encrypt>&lol5;</Encrypt><AgentID>1000002</AgentID></xml>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>&xxe;</ToUserName><Encrypt><![CDATA[&xxe;]]></Encrypt><AgentID>1000002</AgentID></xml>`;
const ADMIN_PATHS = [
  "/teachers", "/teachers/:id", "/teachers/:id/ledger", "/teachers/:id/balance", "/teachers/:id/assessments", "/teachers/:id/bind-code",
  "/teachers/:id/chat-accounts", "/teachers/:id/chat-accounts/:id", "/schools", "/schools/:id", "/schools/:id/report", "/schools/:id/report.xlsx",
  "/groups", "/groups/:id", "/projects", "/projects/:id", "/projects/:id/approve", "/projects/:id/enrollments", "/projects/:id/assignments",
  "/projects/:id/results", "/ledger/:id/reversal", "/assignments/:id/submissions", "/submissions/:id/review", "/tokens", "/tokens/:id",
  "/certifications", "/region", "/region/policy", "/region/schedule", "/imports/teachers", "/imports/results", "/notices", "/notices/:id", "/deliveries",
  "/directory/import", "/schools/:id/bind-codes",
  "/", "/../../etc/passwd", "/%2e%2e/%2e%2e", "/teachers/%zz", "/teachers/%00",
];

function families(): Family[] {
  const truncate = (text: string) => fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
  const aibotPath = (query: string) => `/wecom/aibot?${query}`;
  const appPath = (query: string) => `/wecom/app?${query}`;
  const aibotMessage = () => aiBotText({ msgid: randomBytes(6).toString("hex"), from: "wx-fuzz-intruder", content: "绑定 工号 T0005" });
  const appXml = () => appTextXml({ corpId: CORP_ID, from: "fuzz-intruder", content: "绑定 工号 T0005", msgId: String(Date.now()), agentId: APP.agentId, createTime: nowSeconds() });
  const dingSigned = (offsetMs = 0, secret = DINGTALK_SECRET) => {
    const timestamp = String(uniqueTimestamp() + offsetMs);
    return { timestamp, sign: dingtalkSign(timestamp, secret) };
  };
  return [
    // ---- /wecom/aibot (3,000)
    { name: "aibot: malformed query, headers and body", numRuns: 800, arbitrary: () => fc.record({ method: fc.constantFrom("POST", "GET", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"), query: hostileQuery, headers: extraHeaders, body: randomBody }).map((r) => ({ method: r.method, path: aibotPath(r.query), headers: r.headers, ...(r.method === "GET" || r.method === "HEAD" ? {} : { body: r.body }) })) },
    { name: "aibot: forged (signed with the wrong token, or a made-up signature)", numRuns: 500, allowed: [400, 401], arbitrary: () => fc.record({ token: fc.string({ minLength: 1, maxLength: 32 }), signature: fc.option(fc.stringMatching(/^[0-9a-f]{40}$/)) }).map(({ token, signature }) => {
      const callback = aiBotCallback({ ...AIBOT, token: token === AIBOT.token ? `${token}x` : token }, aibotMessage(), nowSeconds());
      const query = signature ? callback.query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${signature}`) : callback.query;
      return { method: "POST", path: aibotPath(query), headers: { "content-type": "application/json" }, body: callback.body };
    }) },
    { name: "aibot: correctly signed ciphertext that is not ours (garbage, wrong key, wrong receiver)", numRuns: 500, allowed: [200, 400, 401, 403], arbitrary: () => fc.oneof(
      base64ish.map((encrypted) => ({ query: signedQuery(AIBOT.token, encrypted, nowSeconds(), "n0nce"), body: JSON.stringify({ encrypt: encrypted }) })),
      fc.constantFrom("wwothercorp", CORP_ID, "x").map((receiveId) => aiBotCallback({ ...AIBOT, receiveId }, aibotMessage(), nowSeconds())),
      fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null")).map((plaintext) => aiBotCallbackOf(AIBOT, plaintext, nowSeconds())),
    ).map((c) => ({ method: "POST", path: aibotPath(c.query), headers: { "content-type": "application/json" }, body: c.body })) },
    { name: "aibot: truncated callbacks (body or query cut short)", numRuns: 500, allowed: [400, 401], arbitrary: () => fc.boolean().chain((cutBody) => {
      const callback = aiBotCallback(AIBOT, aibotMessage(), nowSeconds());
      return cutBody
        ? truncate(callback.body).map((body) => ({ method: "POST", path: aibotPath(callback.query), headers: { "content-type": "application/json" }, body }))
        : truncate(callback.query).map((query) => ({ method: "POST", path: aibotPath(query), headers: { "content-type": "application/json" }, body: callback.body }));
    }) },
    { name: "aibot: oversized bodies (64 KB – 1 MB)", numRuns: 50, allowed: [400, 413], arbitrary: () => fc.integer({ min: 64 * 1024 + 1, max: 1024 * 1024 }).map((size) => {
      const callback = aiBotCallback(AIBOT, aibotMessage(), nowSeconds());
      return { method: "POST", path: aibotPath(callback.query), headers: { "content-type": "application/json" }, body: JSON.stringify({ encrypt: "A".repeat(size) }) };
    }) },
    { name: "aibot: replays of handled messages (verbatim, re-signed, stale, signature of another message)", numRuns: 650, allowed: [200, 400, 401], arbitrary: (_w, replays) => fc.tuple(fc.nat({ max: replays.aibot.length - 1 }), fc.nat({ max: replays.aibot.length - 1 }), fc.constantFrom("verbatim", "stale", "swapped")).map(([i, j, how]) => {
      const original = replays.aibot[i]!;
      if (how === "verbatim") return { method: "POST", path: aibotPath(original.query), headers: {}, body: original.body };
      if (how === "swapped") return { method: "POST", path: aibotPath(replays.aibot[j === i ? (i + 1) % replays.aibot.length : j]!.query), headers: {}, body: original.body };
      const encrypted = (JSON.parse(original.body) as { encrypt: string }).encrypt;
      return { method: "POST", path: aibotPath(signedQuery(AIBOT.token, encrypted, nowSeconds() - 3 * 3600, "stale1")), headers: {}, body: original.body };
    }) },
    // ---- /wecom/app (2,500)
    { name: "app: malformed query, headers and XML", numRuns: 900, arbitrary: () => fc.record({ method: fc.constantFrom("POST", "POST", "GET", "PUT"), query: hostileQuery, headers: extraHeaders, body: fc.oneof(randomBody, fc.string({ maxLength: 500 }).map((s) => `<xml><Encrypt><![CDATA[${s}]]></Encrypt></xml>`), fc.constantFrom(XML_BOMB, XXE, "<xml><xml><xml>", "<![CDATA[", "<xml><Encrypt></Encrypt></xml>")) }).map((r) => ({ method: r.method, path: appPath(r.query), headers: r.headers, ...(r.method === "GET" ? {} : { body: r.body }) })) },
    { name: "app: forged, entity bombs and XXE with a valid signature", numRuns: 700, allowed: [200, 400, 401, 403], arbitrary: () => fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }).map((token) => appCallback({ ...APP, token: token === APP.token ? `${token}x` : token }, appXml(), nowSeconds())),
      fc.constantFrom(XML_BOMB, XXE).map((body) => ({ query: signedQuery(APP.token, "&lol5;", nowSeconds(), "n"), body })),
      base64ish.map((encrypted) => ({ query: signedQuery(APP.token, encrypted, nowSeconds(), "n"), body: `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>` })),
      fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom(XML_BOMB, XXE, "<xml/>", "<xml><MsgType>text</MsgType></xml>")).map((inner) => appCallback(APP, inner, nowSeconds())),
    ).map((c) => ({ method: "POST", path: appPath(c.query), headers: { "content-type": "text/xml" }, body: c.body })) },
    { name: "app: truncated, oversized and replayed", numRuns: 900, allowed: [200, 400, 401, 413], arbitrary: (_w, replays) => fc.oneof(
      truncate(appCallback(APP, appXml(), nowSeconds()).body).map((body) => ({ method: "POST", path: appPath(appCallback(APP, appXml(), nowSeconds()).query), headers: {}, body })),
      fc.integer({ min: 64 * 1024 + 1, max: 512 * 1024 }).map((size) => ({ method: "POST", path: appPath(appCallback(APP, appXml(), nowSeconds()).query), headers: {}, body: `<xml><Encrypt><![CDATA[${"B".repeat(size)}]]></Encrypt></xml>` })),
      fc.nat({ max: replays.app.length - 1 }).map((i) => ({ method: "POST", path: appPath(replays.app[i]!.query), headers: {}, body: replays.app[i]!.body })),
    ) },
    // ---- /dingtalk/callback, HTTP mode (2,000)
    { name: "dingtalk: malformed headers and bodies", numRuns: 800, allowed: [400, 401, 404, 405, 413], arbitrary: () => fc.record({ method: fc.constantFrom("POST", "POST", "GET", "PUT"), query: hostileQuery, headers: extraHeaders, body: randomBody }).map((r) => ({ method: r.method, path: `/dingtalk/callback?${r.query}`, headers: r.headers, ...(r.method === "GET" ? {} : { body: r.body }) })) },
    { name: "dingtalk: forged and stale signatures", numRuns: 500, allowed: [401], arbitrary: () => fc.oneof(
      fc.string({ minLength: 1, maxLength: 30 }).map((secret) => dingSigned(0, secret === DINGTALK_SECRET ? `${secret}x` : secret)),
      fc.integer({ min: 61 * 60_000, max: 10 * 24 * 3600_000 }).chain((offset) => fc.boolean().map((past) => dingSigned(past ? -offset : offset))),
      fc.record({ timestamp: headerText(20), sign: headerText(60) }),
    ).map((headers) => ({ method: "POST", path: "/dingtalk/callback", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(robotMessage({ msgId: randomBytes(5).toString("hex"), text: "绑定 工号 T0005", senderStaffId: "fuzz-intruder" })) })) },
    { name: "dingtalk: validly signed but truncated, oversized, not robot messages, or replayed", numRuns: 700, allowed: [200, 400, 413], arbitrary: (_w, replays) => fc.oneof(
      truncate(JSON.stringify(robotMessage({ msgId: "trunc", text: "绑定 工号 T0005", senderStaffId: "fuzz-intruder" }))).map((body) => ({ body })),
      fc.integer({ min: 64 * 1024 + 1, max: 512 * 1024 }).map((size) => ({ body: JSON.stringify({ ...robotMessage({ msgId: "big", text: "x", senderStaffId: "fuzz-intruder" }), pad: "C".repeat(size) }) })),
      randomBody.map((body) => ({ body })),
      fc.nat({ max: replays.dingtalk.length - 1 }).map((i) => ({ body: JSON.stringify(replays.dingtalk[i]) })),
    ).map(({ body }) => ({ method: "POST", path: "/dingtalk/callback", headers: { "content-type": "application/json", ...dingSigned() }, body })) },
    // ---- /api/admin/* (2,500)
    { name: "admin: no, forged or malformed credentials on every route", numRuns: 1500, allowed: [400, 401, 404, 405, 413], arbitrary: () => fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"),
      path: fc.constantFrom(...ADMIN_PATHS), id: fc.oneof(fc.uuid().map(String), hostileQueryValue), query: hostileQuery,
      authorization: fc.option(fc.oneof(headerText(80), fc.string({ maxLength: 40 }).map((t) => `Bearer jjat_${safeEncode(t)}`), fc.constantFrom("Bearer", "Bearer ", "Basic YTpi", "bearer jjat_", "Bearer jjat_x jjat_y"))),
      headers: extraHeaders, body: randomBody,
    }).map((r) => {
      const { authorization: _ignored, ...headers } = r.headers;
      return { method: r.method, path: `/api/admin${r.path.replaceAll(":id", r.id)}?${r.query}`, headers: { ...headers, ...(r.authorization ? { authorization: r.authorization } : {}) }, ...(r.method === "GET" ? {} : { body: r.body }) };
    }) },
    { name: "admin: a plain teacher's valid token with hostile bodies and ids", numRuns: 1000, allowed: [200, 400, 403, 404, 405, 413, 422], arbitrary: (world) => fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"),
      path: fc.constantFrom(...ADMIN_PATHS), id: fc.oneof(fc.constantFrom(...Object.values(world.ids)), fc.uuid().map(String), hostileQueryValue), query: hostileQuery,
      body: fc.oneof({ arbitrary: randomBody, weight: 19 }, { arbitrary: fc.integer({ min: 1024 * 1024, max: 2 * 1024 * 1024 }).map((n) => Buffer.alloc(n, 0x7b)), weight: 1 }), type: contentType,
    }).map((r) => ({ method: r.method, path: `/api/admin${r.path.replaceAll(":id", r.id)}?${r.query}`, headers: { authorization: `Bearer ${world.tokens.T0002}`, ...(r.type ? { "content-type": r.type } : {}) }, ...(r.method === "GET" ? {} : { body: r.body }) })) },
  ];
}

/**
 * R2 — hostile input: malformed, forged, truncated, oversized and replayed requests generated by fast-check
 * (fixed seed) against every inbound endpoint. Proves the parsers and signature checks fail closed: no crash,
 * no 5xx, no row written, nothing sent to anyone.
 */
describe.skipIf(!postgresUrl || !redisUrl)("R2 hostile input (fast-check, fixed seed)", () => {
  let world: World;
  const replays: Replays = { aibot: [], app: [], dingtalk: [] };
  beforeAll(async () => {
    world = await startWorld();
    // Real traffic first, to have handled messages to replay: 帮助 from people who are not bound.
    for (let i = 0; i < 10; i++) {
      const aibot = aiBotCallback(AIBOT, aiBotText({ msgid: `r2-replay-${i}-${randomBytes(3).toString("hex")}`, from: `wx-r2-${i}`, content: "帮助" }), nowSeconds());
      expect((await rawRequest(world.served, { method: "POST", path: `/wecom/aibot?${aibot.query}`, body: aibot.body })).status).toBe(200);
      replays.aibot.push(aibot);
      const app = appCallback(APP, appTextXml({ corpId: CORP_ID, from: `r2-user-${i}`, content: "帮助", msgId: `${9_100_000_000 + i}`, agentId: APP.agentId, createTime: nowSeconds() }), nowSeconds());
      expect((await rawRequest(world.served, { method: "POST", path: `/wecom/app?${app.query}`, body: app.body })).status).toBe(200);
      replays.app.push(app);
      const message = robotMessage({ msgId: `r2-ding-${i}`, text: "帮助", senderStaffId: `r2-staff-${i}`, sessionWebhook: world.fakeDingtalk.sessionWebhook(`r2-${i}`) });
      const timestamp = String(Date.now());
      const sent = await rawRequest(world.served, { method: "POST", path: "/dingtalk/callback", headers: { "content-type": "application/json", timestamp, sign: dingtalkSign(timestamp, DINGTALK_SECRET) }, body: JSON.stringify(message) });
      expect(sent.status).toBe(200);
      replays.dingtalk.push(message);
    }
    await eventually(() => world.fakeWecom.delivered("/cgi-bin/message/send").length >= 10 && world.fakeDingtalk.to("/robot/sendBySession").length >= 10);
  });
  afterAll(async () => world?.dispose());

  it("10,000 hostile requests (fixed seed, 16 in flight) → 0 crashes, 0 5xx, 0 rows written, 0 messages sent", async () => {
    const all = families();
    expect(all.reduce((sum, family) => sum + family.numRuns, 0)).toBe(10_000);
    const before = await countRows(world.database.prisma);
    const sentBefore = { wecom: world.fakeWecom.requests.length, dingtalk: world.fakeDingtalk.requests.length };
    const startedAt = performance.now();
    const summary: Record<string, Record<number, number>> = {};
    const problems: { family: string; request: HostileRequest; response: RawResponse }[] = [];
    const timings: Record<string, number> = {};
    for (const [index, family] of all.entries()) {
      const familyStartedAt = performance.now();
      const requests = fc.sample(family.arbitrary(world, replays), { seed: SEED + index, numRuns: family.numRuns });
      const responses = await inBatches(requests, CONCURRENCY, (request) => rawRequest(world.served, request));
      const histogram: Record<number, number> = {};
      responses.forEach((response, i) => {
        histogram[response.status] = (histogram[response.status] ?? 0) + 1;
        const bad = response.status === 0 || response.status >= 500 || (family.allowed !== undefined && !family.allowed.includes(response.status));
        if (bad) problems.push({ family: family.name, request: requests[i]!, response });
      });
      summary[family.name] = histogram;
      timings[family.name] = Math.round(performance.now() - familyStartedAt);
    }
    const elapsedMs = performance.now() - startedAt;
    console.info(`[R2] 10,000 requests in ${(elapsedMs / 1000).toFixed(1)} s; statuses by family:\n${Object.entries(summary).map(([name, h]) => `  ${name} (${timings[name]} ms): ${JSON.stringify(h)}`).join("\n")}`);
    expect(problems.slice(0, 5).map((p) => ({ family: p.family, method: p.request.method, path: p.request.path.slice(0, 200), headers: p.request.headers, body: String(p.request.body ?? "").slice(0, 200), response: p.response }))).toEqual([]);
    // Still alive and answering.
    expect((await rawRequest(world.served, { method: "GET", path: "/healthz" })).status).toBe(200);
    // Give anything accepted in the background a moment, then check that nothing was written or sent.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await countRows(world.database.prisma)).toEqual(before);
    expect({ wecom: world.fakeWecom.requests.length, dingtalk: world.fakeDingtalk.requests.length }).toEqual(sentBefore);
    const unhandled = world.logLines().filter((line) => line.msg === "unhandled error");
    expect(unhandled).toHaveLength(0);
  }, 120_000);

  // Found by this fuzzer: an admin :id holding a NUL byte once reached PostgreSQL, which refuses NUL in
  // text, and was answered 500. Ids are now checked before any handler runs.
  it("an admin :id holding a NUL byte or junk is answered 404 before it reaches the database", async () => {
    for (const id of ["%00", "T0001", "x".repeat(300)]) {
      const response = await rawRequest(world.served, { method: "GET", path: `/api/admin/teachers/${id}`, headers: { authorization: `Bearer ${world.tokens.T0002}` } });
      expect(response.status).toBe(404);
    }
  });

  // ---- Connections, replays and ids the fuzzer above cannot produce (issue 12).
  const dingtalkHeaders = (): Record<string, string> => {
    const timestamp = String(uniqueTimestamp());
    return { "content-type": "application/json", timestamp, sign: dingtalkSign(timestamp, DINGTALK_SECRET) };
  };
  const linesSince = (from: number) => world.logLines().slice(from);

  it("clients that hang up mid-body on every endpoint → 499 at debug level, 0 error lines, 0 rows written", async () => {
    const before = await countRows(world.database.prisma);
    const from = world.logLines().length;
    const app = appCallback(APP, appTextXml({ corpId: CORP_ID, from: "r2-slow", content: "帮助", msgId: String(Date.now()), agentId: APP.agentId, createTime: nowSeconds() }), nowSeconds());
    const aibot = aiBotCallback(AIBOT, aiBotText({ msgid: "abort", from: "wx-abort", content: "帮助" }), nowSeconds());
    const targets = (): { path: string; headers: Record<string, string>; body: string }[] => [
      { path: `/wecom/app?${app.query}`, headers: { "content-type": "text/xml" }, body: app.body },
      { path: `/wecom/aibot?${aibot.query}`, headers: { "content-type": "application/json" }, body: aibot.body },
      { path: "/dingtalk/callback", headers: dingtalkHeaders(), body: JSON.stringify(robotMessage({ msgId: "abort", text: "帮助", senderStaffId: "abort" })) },
      { path: "/api/admin/schools", headers: { authorization: `Bearer ${world.tokens.A0001}`, "content-type": "application/json" }, body: JSON.stringify({ code: "S99", name: "中途断开学校" }) },
    ];
    await inBatches(Array.from({ length: 10 }, targets).flat(), CONCURRENCY, (target) =>
      abortMidBody(world.served, { path: target.path, headers: target.headers, declaredBytes: target.body.length + 100, sent: target.body.slice(0, target.body.length / 2) }),
    );
    await eventually(() => linesSince(from).filter((line) => line.msg === "request").length >= 40);
    const statuses = linesSince(from).filter((line) => line.msg === "request").map((line) => line.status);
    expect(statuses).toEqual(Array(40).fill(499));
    expect(linesSince(from).filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect(await countRows(world.database.prisma)).toEqual(before);
  });

  it("bodies trickled past the request timeout → 408 and the connection closed within the limit, 0 rows written", async () => {
    const before = await countRows(world.database.prisma);
    const strict = await serveOnLoopback(world.app, { requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 });
    try {
      const app = appCallback(APP, appTextXml({ corpId: CORP_ID, from: "r2-slow", content: "帮助", msgId: String(Date.now()), agentId: APP.agentId, createTime: nowSeconds() }), nowSeconds());
      const results = await Promise.all([
        trickleBody(strict.port, { path: `/wecom/app?${app.query}`, headers: {}, everyMs: 100, giveUpMs: 10_000 }),
        trickleBody(strict.port, { path: "/dingtalk/callback", headers: dingtalkHeaders(), everyMs: 100, giveUpMs: 10_000 }),
        trickleBody(strict.port, { path: "/api/admin/schools", headers: { authorization: `Bearer ${world.tokens.A0001}` }, everyMs: 100, giveUpMs: 10_000 }),
      ]);
      for (const { answer, closedAfterMs } of results) {
        expect(answer).toMatch(/^HTTP\/1\.1 408 /);
        expect(closedAfterMs).toBeLessThan(3_000);
      }
    } finally {
      await strict.close();
    }
    expect(await countRows(world.database.prisma)).toEqual(before);
  });

  it("a captured DingTalk (timestamp, sign) replayed with 50 other bodies → 50 × 401, 0 rows written, nothing sent", async () => {
    const captured = dingtalkHeaders();
    const original = robotMessage({ msgId: "r2-captured", text: "帮助", senderStaffId: "r2-captured", sessionWebhook: world.fakeDingtalk.sessionWebhook("r2-captured") });
    const sentBefore = world.fakeDingtalk.to("/robot/sendBySession").length;
    expect((await rawRequest(world.served, { method: "POST", path: "/dingtalk/callback", headers: captured, body: JSON.stringify(original) })).status).toBe(200);
    await eventually(() => world.fakeDingtalk.to("/robot/sendBySession").length > sentBefore);
    const before = await countRows(world.database.prisma);
    const requestsBefore = world.fakeDingtalk.requests.length;
    const forged = Array.from({ length: 50 }, (_, i) =>
      robotMessage({ msgId: `r2-forged-${i}`, text: i % 2 ? "绑定 工号 A0001" : "我还差多少学分", senderStaffId: `intruder-${i}`, sessionWebhook: world.fakeDingtalk.sessionWebhook(`r2-forged-${i}`) }),
    );
    const answers = await inBatches(forged, CONCURRENCY, (body) => rawRequest(world.served, { method: "POST", path: "/dingtalk/callback", headers: captured, body: JSON.stringify(body) }));
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(401));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await countRows(world.database.prisma)).toEqual(before);
    expect(world.fakeDingtalk.requests.length).toBe(requestsBefore);
  });

  it("NUL and control characters in sender, chat and message ids on every platform → acknowledged, dropped with a warning, 0 rows written", async () => {
    const before = await countRows(world.database.prisma);
    const sentBefore = { wecom: world.fakeWecom.requests.length, dingtalk: world.fakeDingtalk.requests.length };
    const from = world.logLines().length;
    const dingtalk = [
      robotMessage({ msgId: "nul-1", text: "绑定 工号 T0005", senderStaffId: "intruder\u0000" }),
      robotMessage({ msgId: "nul-2", text: "帮助", senderStaffId: "staff\u0007bell", group: { conversationId: "cid\u0000group", title: "群" } }),
      robotMessage({ msgId: "nul\u0000-3", text: "帮助", senderStaffId: "staff-ok" }),
      { ...robotMessage({ msgId: "nul-4", text: "帮助" }), senderId: "$:LWCP_v1:$\u001b[31m" },
    ];
    for (const message of dingtalk) {
      expect((await rawRequest(world.served, { method: "POST", path: "/dingtalk/callback", headers: dingtalkHeaders(), body: JSON.stringify(message) })).status).toBe(200);
    }
    const app = appCallback(APP, appTextXml({ corpId: CORP_ID, from: "wecom\u0000user", content: "帮助", msgId: "9200000001", agentId: APP.agentId, createTime: nowSeconds() }), nowSeconds());
    expect((await rawRequest(world.served, { method: "POST", path: `/wecom/app?${app.query}`, body: app.body })).status).toBe(200);
    for (const payload of [aiBotText({ msgid: "nul-aibot-1", from: "wx\u0000user", content: "帮助" }), aiBotText({ msgid: "nul-aibot-2", from: "wx-ok", chatid: "wrk\u0001group", content: "帮助" })]) {
      const aibot = aiBotCallback(AIBOT, payload, nowSeconds());
      expect((await rawRequest(world.served, { method: "POST", path: `/wecom/aibot?${aibot.query}`, body: aibot.body })).status).toBe(200);
    }
    await eventually(() => linesSince(from).filter((line) => String(line.msg).includes("control characters")).length >= 7);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(linesSince(from).filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect(await countRows(world.database.prisma)).toEqual(before);
    expect({ wecom: world.fakeWecom.requests.length, dingtalk: world.fakeDingtalk.requests.length }).toEqual(sentBefore);
  });
});

import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { dingtalkSign } from "../src/channels/dingtalk/sign.js";
import { loadTestEnvironment } from "../src/config.js";
import { robotMessage } from "../test/support/fake-dingtalk-messages.js";
import { aiBotCallback, aiBotText, openAiBotReply, type CallbackSecrets } from "../test/support/fake-wecom-callbacks.js";
import { closedLoop, openLoop, type Check, type LoadResult, type PreparedRequest } from "./load.js";
import { startBareKoa, startRealService, type BenchProcess } from "./processes.js";
import { canReach } from "./reachable.js";
import type { BenchRow } from "./report.js";

/**
 * P1: the real service (`node --import tsx src/main.ts`, PostgreSQL + Redis, demo data) answering
 * "我有多少学分" from teachers in single chats (accounts linked as by a roster import), end to end, against a bare Koa process returning a constant, both
 * driven by the same loopback load generator. Closed loop (CONCURRENCY in flight, DURATION_MS) for
 * requests/s and latency; open loop at 200 requests/s for the p99 goal. WeCom: encrypted AI-bot callback,
 * answered in the HTTP reply (encrypted stream). DingTalk HTTP mode: signed callback, acknowledged at once
 * and answered through the sessionWebhook — its latency is counted until that answer reaches the fake.
 */

const CONCURRENCY = 16;
const DURATION_MS = 8_000;
const OPEN_RATE = 200;
const OPEN_MS = 5_000;
const TEACHERS = ["T0001", "T0002", "T0003", "T0004", "T0005", "T0006", "T0007", "T0008", "T0009", "T0010"];

const AIBOT: CallbackSecrets = { token: "BenchBotToken", encodingAesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", receiveId: "" };
const DINGTALK = { clientId: "bench-ding-client", secret: "bench-ding-secret-0123456789" };
const nowSeconds = () => Math.floor(Date.now() / 1000);
const uniqueId = () => randomBytes(8).toString("hex");

/** Stands in for DingTalk's and WeCom's servers: tokens, and sessionWebhook answers the bench waits for. */
async function startFakePlatform() {
  const arrived = new Map<string, string>();
  const waiters = new Map<string, (content: string) => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const json = (payload: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      if (url.pathname === "/v1.0/oauth2/accessToken") return json({ accessToken: "bench-token", expireIn: 7200 });
      if (url.pathname === "/robot/sendBySession") {
        const session = url.searchParams.get("session") ?? "";
        let content = "";
        try {
          content = String((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text?: { content?: string } }).text?.content ?? "");
        } catch {
          // counted as a wrong answer below
        }
        const waiter = waiters.get(session);
        if (waiter) {
          waiters.delete(session);
          waiter(content);
        } else arrived.set(session, content);
        return json({ errcode: 0, errmsg: "ok" });
      }
      if (url.pathname === "/cgi-bin/gettoken") return json({ errcode: 0, errmsg: "ok", access_token: "bench", expires_in: 7200 });
      return json({ errcode: 0, errmsg: "ok", processQueryKey: "bench" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    /** The answer posted to sessionWebhook `session`, or "" after 10 s. */
    answerOf(session: string): Promise<string> {
      const already = arrived.get(session);
      if (already !== undefined) {
        arrived.delete(session);
        return Promise.resolve(already);
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(session);
          resolve("");
        }, 10_000);
        waiters.set(session, (content) => {
          clearTimeout(timer);
          resolve(content);
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type FakePlatform = Awaited<ReturnType<typeof startFakePlatform>>;

/** A teacher's own question in a single chat with the AI bot (in a group, a personal answer goes by direct message). */
function wecomRequest(from: string, content: string): PreparedRequest {
  const callback = aiBotCallback(AIBOT, aiBotText({ msgid: uniqueId(), from, content }), nowSeconds());
  return { method: "POST", path: `/wecom/aibot?${callback.query}`, headers: { "content-type": "application/json" }, body: callback.body };
}

/**
 * A single chat with the DingTalk robot. Each (timestamp, sign) pair is accepted once, so requests prepared
 * in the same millisecond get successive timestamps, as DingTalk's own deliveries would.
 */
let lastTimestamp = 0;
function dingtalkRequest(fake: FakePlatform, staff: string, text: string): PreparedRequest & { session: string } {
  const msgId = `msg${uniqueId()}`;
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  const timestamp = String(lastTimestamp);
  const body = JSON.stringify(robotMessage({ msgId, text, senderStaffId: staff, sessionWebhook: `${fake.base}/robot/sendBySession?session=${msgId}` }));
  return { method: "POST", path: "/dingtalk/callback", headers: { "content-type": "application/json", timestamp, sign: dingtalkSign(timestamp, DINGTALK.secret) }, body, session: msgId };
}

const wecomCheck =
  (expect: string): Check =>
  (status, body) => {
    if (status !== 200 || body.length === 0) return false;
    try {
      return openAiBotReply(AIBOT, JSON.parse(body)).stream?.content.includes(expect) ?? false;
    } catch {
      return false;
    }
  };

const dingtalkCheck =
  (fake: FakePlatform, expect: string): Check =>
  async (status, _body, request) => status === 200 && (await fake.answerOf((request as { session?: string }).session ?? "")).includes(expect);

const bareCheck: Check = (status, body) => status === 200 && body === "ok";

const ms = (value: number) => `${value.toFixed(1)} ms`;

function loadRow(part: string, name: string, result: LoadResult, baseline: LoadResult | undefined, extra = ""): BenchRow {
  const failures = result.failed > 0 ? `; ${result.failed} FAILED` : "";
  return {
    part,
    case: name,
    items: result.ok,
    seconds: result.seconds,
    rate: result.rate,
    ...(baseline ? { vsBaseline: baseline.rate / result.rate } : {}),
    note: `p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, max ${ms(result.max)}${failures}${extra}`,
  };
}

async function createDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_p1_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function linkRosterAccounts(url: string, accounts: { employeeNumber: string; platform: string; platformUserId: string }[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const account of accounts) {
      await client.query(
        `INSERT INTO "ChatIdentity" (id, platform, "platformUserId", "teacherId", source)
         SELECT gen_random_uuid()::text, $1::"Platform", $2, id, 'roster' FROM "Teacher" WHERE "employeeNumber" = $3`,
        [account.platform, account.platformUserId, account.employeeNumber],
      );
    }
  } finally {
    await client.end();
  }
}

export async function runWebhookBench(): Promise<BenchRow[]> {
  const { postgresUrl, redisUrl } = loadTestEnvironment();
  if (!(await canReach(postgresUrl, 5432)) || !(await canReach(redisUrl, 6379))) {
    return [{ part: "P1 webhook", case: "all", items: 0, seconds: 0, rate: 0, note: `skipped: PostgreSQL (${postgresUrl}) or Redis (${redisUrl}) not reachable` }];
  }
  const rows: BenchRow[] = [];
  const fake = await startFakePlatform();
  // The service's Prisma client works in the public schema of DATABASE_URL, so it gets a database of its own.
  const database = await createDatabase(postgresUrl);
  let service: BenchProcess | undefined;
  let bare: BenchProcess | undefined;
  try {
    service = await startRealService({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `bench:p1:${randomBytes(4).toString("hex")}:`,
      LOAD_DEMO_DATA: "always",
      WECOM_AIBOT_TOKEN: AIBOT.token,
      WECOM_AIBOT_ENCODING_AES_KEY: AIBOT.encodingAesKey,
      WECOM_API_BASE: fake.base,
      DINGTALK_CLIENT_ID: DINGTALK.clientId,
      DINGTALK_CLIENT_SECRET: DINGTALK.secret,
      DINGTALK_MODE: "http",
      DINGTALK_API_BASE: fake.base,
      DINGTALK_OAPI_BASE: fake.base,
    });
    bare = await startBareKoa();

    // Ten WeCom users and ten DingTalk staff are the demo teachers' accounts, as a roster import with the
    // 企业微信账号 and 钉钉UserID columns leaves them (no 绑定 step).
    const wecomUsers = TEACHERS.map((_, index) => `wx-bench-${index}`);
    const dingtalkStaff = TEACHERS.map((_, index) => `staff-bench-${index}`);
    await linkRosterAccounts(database.url, TEACHERS.flatMap((teacher, index) => [
      { employeeNumber: teacher, platform: "wecom", platformUserId: wecomUsers[index]! },
      { employeeNumber: teacher, platform: "dingtalk", platformUserId: dingtalkStaff[index]! },
    ]));

    const question = "我有多少学分";
    const wecomBatch = (count: number) => Array.from({ length: count }, (_, index) => wecomRequest(wecomUsers[index % wecomUsers.length]!, question));
    const dingtalkBatch = (count: number) => Array.from({ length: count }, (_, index) => dingtalkRequest(fake, dingtalkStaff[index % dingtalkStaff.length]!, question));
    const closed = { concurrency: CONCURRENCY, durationMs: DURATION_MS };
    const open = { ratePerSecond: OPEN_RATE, durationMs: OPEN_MS };

    // Warm-up: JIT, connection pools, prepared statements, on both targets.
    await closedLoop(service.url, wecomBatch(300), { ...closed, check: wecomCheck("学分") });
    await closedLoop(service.url, dingtalkBatch(300), { ...closed, check: dingtalkCheck(fake, "学分") });
    await closedLoop(bare.url, wecomBatch(1_000), { ...closed, check: bareCheck });

    const bareClosed = await closedLoop(bare.url, wecomBatch(60_000), { ...closed, check: bareCheck });
    const bareOpen = await openLoop(bare.url, wecomBatch(OPEN_RATE * (OPEN_MS / 1000)), { ...open, check: bareCheck });
    rows.push(loadRow("P1 webhook", `bare Koa constant, ${CONCURRENCY} in flight`, bareClosed, undefined));
    rows.push(loadRow("P1 webhook", `bare Koa constant, open loop ${OPEN_RATE}/s`, bareOpen, undefined));

    const wecomClosed = await closedLoop(service.url, wecomBatch(20_000), { ...closed, check: wecomCheck("学分") });
    const wecomOpen = await openLoop(service.url, wecomBatch(OPEN_RATE * (OPEN_MS / 1000)), { ...open, check: wecomCheck("学分") });
    const share = (result: LoadResult) => `; ${((100 * result.rate) / bareClosed.rate).toFixed(1)} % of bare (goal ≥ 50 %)`;
    const p99Goal = (result: LoadResult) => `; p99 goal ≤ 25 ms ${result.p99 <= 25 && result.failed === 0 ? "met" : "MISSED"}`;
    rows.push(loadRow("P1 webhook", `WeCom AI bot 我有多少学分, ${CONCURRENCY} in flight`, wecomClosed, bareClosed, share(wecomClosed)));
    rows.push(loadRow("P1 webhook", `WeCom AI bot, open loop ${OPEN_RATE}/s`, wecomOpen, bareOpen, p99Goal(wecomOpen)));

    const dingClosed = await closedLoop(service.url, dingtalkBatch(20_000), { ...closed, check: dingtalkCheck(fake, "学分") });
    const dingOpen = await openLoop(service.url, dingtalkBatch(OPEN_RATE * (OPEN_MS / 1000)), { ...open, check: dingtalkCheck(fake, "学分") });
    rows.push(loadRow("P1 webhook", `DingTalk HTTP 我有多少学分, ${CONCURRENCY} in flight`, dingClosed, bareClosed, `${share(dingClosed)}; until sessionWebhook answer`));
    rows.push(loadRow("P1 webhook", `DingTalk HTTP, open loop ${OPEN_RATE}/s`, dingOpen, bareOpen, `${p99Goal(dingOpen)}; until sessionWebhook answer`));

    const servicePeak = await service.peakRssMb();
    const barePeak = await bare.peakRssMb();
    rows.push({
      part: "memory",
      case: "peak RSS of the service during P1",
      items: wecomClosed.requests + wecomOpen.requests + dingClosed.requests + dingOpen.requests,
      seconds: 0,
      rate: 0,
      ...(servicePeak !== undefined && barePeak !== undefined ? { vsBaseline: servicePeak / barePeak } : {}),
      note: servicePeak === undefined ? "VmHWM unavailable (not Linux?)" : `VmHWM ${servicePeak.toFixed(0)} MiB; bare Koa ${barePeak?.toFixed(0) ?? "?"} MiB`,
    });
  } finally {
    await bare?.stop();
    await service?.stop();
    await fake.close();
    await database.drop();
  }
  return rows;
}

import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WecomOutboundSender } from "../../src/channels/wecom/outbound-sender.js";
import { WecomSenders } from "../../src/channels/wecom/send/senders.js";
import { createCoordination, type Coordination } from "../../src/coordination/index.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { createNotice } from "../../src/domain/notices.js";
import type { ChatGroup, Prisma } from "../../src/generated/prisma/client.js";
import { startOutboxWorker, type OutboxWorker } from "../../src/jobs/outbox/worker.js";
import type { OutboxWorkerOptions } from "../../src/jobs/outbox/options.js";
import { openTestDatabase, type DatabaseKind, type TestDatabase } from "../support/database.js";
import { startFakeWecom, type FakeWecom } from "../support/fake-wecom.js";
import { capturingLogger } from "../support/logger.js";
import { testSecretBox } from "../support/secrets.js";
import { redisUrl, uniqueRedisPrefix } from "../support/services.js";
import type { SecretBox } from "../../src/secret-box.js";

const CORP_ID = "wwcorp-outbox";
const SECRET = "outbox-secret";
const WEBHOOK = "/cgi-bin/webhook/send";

/** Fast enough for a test suite, slow enough to exercise back-off and leases. */
export const FAST: Partial<OutboxWorkerOptions> = { retryBaseMs: 50, retryMaxMs: 400, reconcileEveryMs: 200, leaseMs: 3_000, concurrency: 8 };

/** What the proxy in front of the fake WeCom does with one webhook request: pass it on, or answer itself. */
export type Interference = (robotKey: string) => { status: number; body: string } | "pass";

/**
 * The outbox against a fake WeCom: the demo region (quiet hours off) on a real database, a proxy in front
 * of the fake that can answer HTTP 5xx or slow requests down, and as many outbox workers as a test starts,
 * each on a coordination instance of its own (one "process" each) sharing one Redis prefix.
 */
export async function openOutboxWorld(kind: DatabaseKind) {
  const robotKeys: string[] = [];
  const fake: FakeWecom = await startFakeWecom({ corpId: CORP_ID, secret: SECRET, robotKeys });
  const database: TestDatabase = await openTestDatabase(kind);
  await loadDemoData(database.prisma, "2026-11-23");
  const region = await database.prisma.region.update({ where: { code: "demo-bozhou" }, data: { quietHoursStart: "00:00", quietHoursEnd: "00:00" } });
  const author = await database.prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "A0001" } });
  const log = capturingLogger();
  const redisPrefix = uniqueRedisPrefix("outbox");
  const coordinations: Coordination[] = [];
  const workers: OutboxWorker[] = [];
  let interference: Interference = () => "pass";
  let webhookDelayMs = 0;

  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://proxy");
      if (url.pathname === WEBHOOK) {
        if (webhookDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, webhookDelayMs));
        const answer = interference(url.searchParams.get("key") ?? "");
        if (answer !== "pass") {
          res.writeHead(answer.status, { "content-type": "text/html" }).end(answer.body);
          return;
        }
      }
      const forwarded = await fetch(`${fake.base}${req.url}`, { method: req.method ?? "GET", ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
      res.writeHead(forwarded.status, { "content-type": "application/json" }).end(await forwarded.text());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const proxyBase = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  function openCoordination(): Coordination {
    const coordination = createCoordination(redisUrl ? { redis: { url: redisUrl, keyPrefix: redisPrefix } } : {});
    coordinations.push(coordination);
    return coordination;
  }

  /** `secrets` is the key ring this worker opens group robot keys with. */
  function startWorker(options: Partial<OutboxWorkerOptions> = {}, coordination = openCoordination(), secrets: SecretBox = testSecretBox()): OutboxWorker {
    const senders = new WecomSenders({
      apiBase: proxyBase,
      throttledRetryMs: 100,
      rateLimiter: coordination.rateLimiter,
      prisma: database.prisma,
      logger: log.logger,
      apps: new Map(),
      now: () => new Date(),
      secrets,
    });
    const worker = startOutboxWorker({
      prisma: database.prisma,
      coordination,
      senders: { wecom: new WecomOutboundSender(senders, []) },
      logger: log.logger,
      options: { ...FAST, ...options },
    });
    workers.push(worker);
    return worker;
  }

  /** `count` WeCom groups; each gets a robot key the fake knows unless `delivery` says otherwise. */
  async function addGroups(count: number, delivery?: (robotKey: string) => Prisma.InputJsonObject): Promise<(ChatGroup & { robotKey: string })[]> {
    const batch = randomBytes(4).toString("hex");
    const rows = Array.from({ length: count }, (_, index) => {
      const robotKey = `robot-${batch}-${String(index).padStart(3, "0")}`;
      if (!delivery) robotKeys.push(robotKey);
      return { platform: "wecom" as const, chatId: `chat-${batch}-${index}`, name: `测试群 ${batch}-${index}`, regionId: region.id, status: "approved" as const, delivery: delivery ? delivery(robotKey) : { robotKey } };
    });
    await database.prisma.chatGroup.createMany({ data: rows });
    const groups = await database.prisma.chatGroup.findMany({ where: { chatId: { startsWith: `chat-${batch}-` } } });
    return groups.map((group) => ({ ...group, robotKey: (group.delivery as { robotKey?: string }).robotKey ?? "" }));
  }

  async function broadcast(groups: ChatGroup[], text = "周五下午3点开教研会，请准时参加。") {
    return createNotice(database.prisma, { regionId: region.id, authorId: author.id, text, target: "region", groupIds: groups.map((g) => g.id) }, new Date());
  }

  /** How many messages the fake accepted for each robot key. */
  function deliveredPerKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const request of fake.delivered(WEBHOOK)) counts.set(request.query.key ?? "", (counts.get(request.query.key ?? "") ?? 0) + 1);
    return counts;
  }

  return {
    database,
    prisma: database.prisma,
    fake,
    region,
    author,
    log,
    openCoordination,
    startWorker,
    addGroups,
    broadcast,
    deliveredPerKey,
    interfere(with_: Interference) {
      interference = with_;
    },
    slowWebhooks(delayMs: number) {
      webhookDelayMs = delayMs;
    },
    async close() {
      for (const worker of workers) await worker.close();
      for (const coordination of coordinations) await coordination.close();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await fake.close();
      await database.dispose();
    },
  };
}

export type OutboxWorld = Awaited<ReturnType<typeof openOutboxWorld>>;

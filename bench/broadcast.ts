import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { WecomOutboundSender } from "../src/channels/wecom/outbound-sender.js";
import { WecomSenders } from "../src/channels/wecom/send/senders.js";
import { loadTestEnvironment } from "../src/config.js";
import { createCoordination } from "../src/coordination/index.js";
import { loadDemoData } from "../src/domain/demo-data.js";
import { createNotice } from "../src/domain/notices.js";
import { DEFAULT_OUTBOX_OPTIONS } from "../src/jobs/outbox/options.js";
import { startOutboxWorker } from "../src/jobs/outbox/worker.js";
import { createLogger } from "../src/logger.js";
import { createSecretBox } from "../src/secret-box.js";
import { openPostgresSchema } from "./import.js";
import { canReach } from "./reachable.js";
import type { BenchRow } from "./report.js";

/**
 * P4: one notice to 1,000 WeCom groups through a fake WeCom that enforces the documented 20 messages a
 * minute per group robot (a 21st within 60 s is answered 45009). One robot per group would make the limit
 * irrelevant (one message each), so the groups share 25 robots, 40 groups each: the first 20 of a robot
 * can go at once, the other 20 not before 60 s — the theoretical floor is 60 s. The outbox worker runs with
 * the service's defaults (concurrency 8) on PostgreSQL and Redis, except that it looks for due rows every
 * second instead of every 15 s. Counts: messages accepted per group (0 lost, 0 duplicated) and 45009s.
 */

const GROUPS = 1_000;
const ROBOTS = 25;
const LIMIT = 20;
const WINDOW_MS = 60_000;
const TIMEOUT_MS = 150_000;
const WEBHOOK = "/cgi-bin/webhook/send";

async function startLimitedWecom() {
  const sentAt = new Map<string, number[]>();
  const accepted: { key: string; at: number }[] = [];
  let throttled = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const json = (payload: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      if (url.pathname !== WEBHOOK) return json({ errcode: 404, errmsg: "unknown api" });
      const key = url.searchParams.get("key") ?? "";
      const now = performance.now();
      const recent = (sentAt.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
      if (recent.length >= LIMIT) {
        throttled += 1;
        sentAt.set(key, recent);
        return json({ errcode: 45009, errmsg: "api freq out of limit" });
      }
      recent.push(now);
      sentAt.set(key, recent);
      accepted.push({ key, at: now });
      return json({ errcode: 0, errmsg: "ok" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accepted,
    throttled: () => throttled,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function runBroadcastBench(): Promise<BenchRow[]> {
  const { postgresUrl, redisUrl } = loadTestEnvironment();
  const skip = (why: string): BenchRow[] => [{ part: "P4 broadcast", case: "all", items: 0, seconds: 0, rate: 0, note: `skipped: ${why}` }];
  if (!(await canReach(redisUrl, 6379))) return skip(`Redis not reachable at ${redisUrl} (TEST_REDIS_URL)`);
  const postgres = await openPostgresSchema(postgresUrl).catch(() => undefined);
  if (!postgres) return skip(`PostgreSQL not reachable at ${postgresUrl} (TEST_DATABASE_URL)`);
  const fake = await startLimitedWecom();
  const logger = createLogger("silent");
  const coordination = createCoordination({ redis: { url: redisUrl, keyPrefix: `bench:p4:${randomBytes(4).toString("hex")}:` } });
  const { prisma } = postgres.database;
  let worker: ReturnType<typeof startOutboxWorker> | undefined;
  try {
    await postgres.database.migrate();
    await loadDemoData(prisma, "2026-11-23");
    const region = await prisma.region.update({ where: { code: "demo-bozhou" }, data: { quietHoursStart: "00:00", quietHoursEnd: "00:00" } });
    const author = await prisma.teacher.findFirstOrThrow({ where: { employeeNumber: "A0001" } });
    const robotKeys = Array.from({ length: ROBOTS }, (_, index) => `bench-robot-${index}`);
    await prisma.chatGroup.createMany({
      data: Array.from({ length: GROUPS }, (_, index) => ({
        platform: "wecom" as const, chatId: `p4-${index}`, name: `基准群${index}`, regionId: region.id, delivery: { robotKey: robotKeys[index % ROBOTS]! },
      })),
    });
    const groups = await prisma.chatGroup.findMany({ where: { chatId: { startsWith: "p4-" } } });
    const senders = new WecomSenders({
      apiBase: fake.base, throttledRetryMs: 60_000, rateLimiter: coordination.rateLimiter, prisma, logger, apps: new Map(), now: () => new Date(), secrets: createSecretBox([randomBytes(32)]),
    });
    worker = startOutboxWorker({
      prisma, coordination, senders: { wecom: new WecomOutboundSender(senders, []) }, logger, options: { ...DEFAULT_OUTBOX_OPTIONS, reconcileEveryMs: 1_000 },
    });

    const started = performance.now();
    const notice = await createNotice(prisma, { regionId: region.id, authorId: author.id, text: "周五下午3点开教研会，请准时参加。", target: "region", groupIds: groups.map((g) => g.id) }, new Date());
    let sent = 0;
    while (performance.now() - started < TIMEOUT_MS) {
      sent = await prisma.delivery.count({ where: { noticeId: notice.id, status: "sent" } });
      if (sent >= GROUPS) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = ((fake.accepted.at(-1)?.at ?? performance.now()) - started) / 1000;
    const rows = await prisma.delivery.groupBy({ by: ["status"], where: { noticeId: notice.id }, _count: true });
    const statuses = rows.map((row) => `${row.status} ${row._count}`).join(", ");
    const perKey = new Map<string, number>();
    for (const message of fake.accepted) perKey.set(message.key, (perKey.get(message.key) ?? 0) + 1);
    const expectedPerKey = GROUPS / ROBOTS;
    const duplicated = Math.max(0, fake.accepted.length - GROUPS);
    const lost = Math.max(0, GROUPS - fake.accepted.length);
    const uneven = robotKeys.filter((key) => perKey.get(key) !== expectedPerKey).length;
    const floorSeconds = (Math.ceil(expectedPerKey / LIMIT) - 1) * (WINDOW_MS / 1000);
    const within = ((seconds / floorSeconds - 1) * 100).toFixed(1);
    return [
      {
        part: "P4 broadcast",
        case: `${GROUPS} groups over ${ROBOTS} robots, ${LIMIT}/min each`,
        items: fake.accepted.length,
        seconds,
        rate: fake.accepted.length / seconds,
        vsBaseline: seconds / floorSeconds,
        note:
          `floor ${floorSeconds} s, ${within} % over (goal ≤ 5 %: ${Number(within) <= 5 ? "met" : "MISSED"}); lost ${lost}, duplicated ${duplicated}, robots off count ${uneven}; ` +
          `45009 answers ${fake.throttled()}; rows: ${statuses}${sent < GROUPS ? `; TIMED OUT after ${TIMEOUT_MS / 1000} s` : ""}`,
      },
    ];
  } finally {
    await worker?.close();
    await coordination.close();
    await fake.close();
    await postgres.drop();
  }
}

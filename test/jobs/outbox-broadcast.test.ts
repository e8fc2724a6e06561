import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryLease } from "../../src/jobs/outbox/delivery-lease.js";
import { eventually } from "../support/fake-wecom.js";
import { postgresUrl, redisUrl } from "../support/services.js";
import { openOutboxWorld, type OutboxWorld } from "./outbox-world.js";

const WEBHOOK = "/cgi-bin/webhook/send";

describe(`outbox broadcast (${postgresUrl ? "PostgreSQL" : "embedded database"}, ${redisUrl ? "Redis" : "in-process"} coordination)`, () => {
  let world: OutboxWorld;

  beforeAll(async () => {
    world = await openOutboxWorld(postgresUrl ? "postgres" : "embedded");
  });

  afterAll(async () => {
    await world?.close();
  });

  const statusesOf = async (noticeId: string) => {
    const rows = await world.prisma.delivery.groupBy({ by: ["status"], where: { noticeId }, _count: true });
    return Object.fromEntries(rows.map((row) => [row.status, row._count]));
  };
  const allSent = (noticeId: string, count: number) => async () => (await statusesOf(noticeId)).sent === count;

  it("delivers a 200-group notice exactly once per group through 5xx, 45009 and busy answers", async () => {
    const groups = await world.addGroups(200);
    // Every 7th robot's first request meets a 502 from a proxy; WeCom says 45009 five times and -1 (busy) five times.
    const failedOnce = new Set<string>();
    world.interfere((key) => {
      const index = Number(key.slice(-3));
      if (index % 7 !== 0 || failedOnce.has(key)) return "pass";
      failedOnce.add(key);
      return { status: 502, body: "<html>Bad Gateway</html>" };
    });
    world.fake.failNext(WEBHOOK, 45009, 5);
    world.fake.failNext(WEBHOOK, -1, 5);
    const worker = world.startWorker();

    const notice = await world.broadcast(groups);
    await eventually(allSent(notice.id, 200), 30_000);

    const perKey = world.deliveredPerKey();
    expect(groups.map((group) => perKey.get(group.robotKey))).toEqual(groups.map(() => 1));
    expect(failedOnce.size).toBe(29);
    const retried = await world.prisma.delivery.count({ where: { noticeId: notice.id, attempts: { gt: 1 } } });
    expect(retried).toBeGreaterThanOrEqual(29);
    const first = world.fake.delivered(WEBHOOK).find((request) => request.query.key === groups[0]!.robotKey);
    expect(first?.body).toEqual({ msgtype: "text", text: { content: "周五下午3点开教研会，请准时参加。\n\n—— 马红" } });
    await worker.close();
    world.interfere(() => "pass");
  });

  it("ends a group whose robot was removed (93000) as dead with the reason, and marks the group", async () => {
    const [revoked] = await world.addGroups(1, (robotKey) => ({ robotKey: `${robotKey}-revoked` }));
    const worker = world.startWorker();
    const notice = await world.broadcast([revoked!]);
    const row = await eventually(async () => {
      const delivery = await world.prisma.delivery.findFirst({ where: { noticeId: notice.id } });
      return delivery?.status === "dead" && delivery;
    });
    expect(row.lastError).toContain("群机器人已被移除或停用（errcode 93000）");
    expect(row.attempts).toBe(1);
    const group = await world.prisma.chatGroup.findUniqueOrThrow({ where: { id: revoked!.id } });
    expect(group.delivery).toMatchObject({ dead: { errcode: 93000 } });
    await worker.close();
  });

  it("ends a group with no send method as dead without calling WeCom", async () => {
    const [silent] = await world.addGroups(1, () => ({}));
    const before = world.fake.to(WEBHOOK).length;
    const worker = world.startWorker();
    const notice = await world.broadcast([silent!]);
    const row = await eventually(async () => {
      const delivery = await world.prisma.delivery.findFirst({ where: { noticeId: notice.id } });
      return delivery?.status === "dead" && delivery;
    });
    expect(row.lastError).toBe("这个群没有配置发送方式：请管理员为它设置群机器人 key（或应用群聊）");
    expect(world.fake.to(WEBHOOK).length).toBe(before);
    await worker.close();
  });

  it("gives up as failed after the configured number of tries when WeCom stays busy", async () => {
    const [busy] = await world.addGroups(1);
    world.interfere((key) => (key === busy!.robotKey ? { status: 503, body: "busy" } : "pass"));
    const worker = world.startWorker({ maxAttempts: 3 });
    const notice = await world.broadcast([busy!]);
    const row = await eventually(async () => {
      const delivery = await world.prisma.delivery.findFirst({ where: { noticeId: notice.id } });
      return delivery?.status === "failed" && delivery;
    });
    expect(row.attempts).toBe(3);
    expect(row.lastError).toContain("HTTP 503");
    await worker.close();
    world.interfere(() => "pass");
  });

  it("does not send a row before its notBefore (quiet hours), then sends it", async () => {
    const [group] = await world.addGroups(1);
    const notice = await world.broadcast([group!]);
    const wakeAt = new Date(Date.now() + 1_500);
    await world.prisma.delivery.updateMany({ where: { noticeId: notice.id }, data: { notBefore: wakeAt } });
    const worker = world.startWorker();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(world.deliveredPerKey().get(group!.robotKey)).toBeUndefined();
    await eventually(allSent(notice.id, 1), 5_000);
    const row = await world.prisma.delivery.findFirstOrThrow({ where: { noticeId: notice.id } });
    expect(row.sentAt!.getTime()).toBeGreaterThanOrEqual(wakeAt.getTime());
    expect(world.deliveredPerKey().get(group!.robotKey)).toBe(1);
    await worker.close();
  });

  it("completes a broadcast after its worker is stopped halfway, sending nothing twice", async () => {
    const groups = await world.addGroups(60);
    world.slowWebhooks(30);
    const first = world.startWorker({ concurrency: 2 });
    const notice = await world.broadcast(groups);
    await eventually(async () => ((await statusesOf(notice.id)).sent ?? 0) >= 10);
    await first.close();
    const afterStop = await statusesOf(notice.id);
    expect(afterStop.pending).toBeGreaterThan(0);

    const second = world.startWorker({ concurrency: 8 });
    await eventually(allSent(notice.id, 60), 20_000);
    const perKey = world.deliveredPerKey();
    expect(groups.map((group) => perKey.get(group.robotKey))).toEqual(groups.map(() => 1));
    await second.close();
    world.slowWebhooks(0);
  });

  it("picks up a row whose worker died holding its lease, once the lease runs out", async () => {
    const [group] = await world.addGroups(1);
    const notice = await world.broadcast([group!]);
    const row = await world.prisma.delivery.findFirstOrThrow({ where: { noticeId: notice.id } });
    // A worker claimed the row and died before sending: nothing answers for it until the lease ends.
    const lease = await DeliveryLease.claim(world.prisma, row, new Date(), 1_000);
    expect(lease).toBeDefined();
    const worker = world.startWorker();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(world.deliveredPerKey().get(group!.robotKey)).toBeUndefined();
    await eventually(allSent(notice.id, 1), 5_000);
    expect(world.deliveredPerKey().get(group!.robotKey)).toBe(1);
    // The dead worker's late word changes nothing: its lease is gone.
    expect(await lease!.sent(new Date())).toBe(false);
    await worker.close();
  });

  it("never sends one row twice with two instances working the same broadcast", async () => {
    const groups = await world.addGroups(200);
    const one = world.startWorker();
    const two = world.startWorker();
    const notice = await world.broadcast(groups);
    await eventually(allSent(notice.id, 200), 30_000);
    const perKey = world.deliveredPerKey();
    expect(groups.map((group) => perKey.get(group.robotKey))).toEqual(groups.map(() => 1));
    await Promise.all([one.close(), two.close()]);
  });
});

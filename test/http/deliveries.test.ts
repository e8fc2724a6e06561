import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WecomOutboundSender } from "../../src/channels/wecom/outbound-sender.js";
import { WecomSenders } from "../../src/channels/wecom/send/senders.js";
import { createCoordination, type Coordination } from "../../src/coordination/index.js";
import { startOutboxWorker, type OutboxWorker } from "../../src/jobs/outbox/worker.js";
import { startAdminApi } from "../support/admin-api.js";
import { eventually, startFakeWecom, type FakeWecom } from "../support/fake-wecom.js";
import { capturingLogger } from "../support/logger.js";
import { postgresUrl, redisUrl, uniqueRedisPrefix } from "../support/services.js";
import { testSecretBox } from "../support/secrets.js";

const GOOD_KEY = "robot-key-deliveries-good";

describe(`admin API: notices and deliveries (${postgresUrl ? "PostgreSQL" : "embedded database"})`, () => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let fake: FakeWecom;
  let coordination: Coordination;
  let worker: OutboxWorker;
  const groupIds: Record<"good" | "revoked" | "silent", string> = { good: "", revoked: "", silent: "" };
  let schools: Record<"S01" | "S02", string>;

  beforeAll(async () => {
    api = await startAdminApi(postgresUrl ? "postgres" : "embedded");
    fake = await startFakeWecom({ corpId: "wwcorp", secret: "secret", robotKeys: [GOOD_KEY] });
    const prisma = api.database.prisma;
    const region = await prisma.region.findUniqueOrThrow({ where: { code: "demo-bozhou" } });
    const found = await prisma.school.findMany({ where: { regionId: region.id } });
    schools = { S01: found.find((s) => s.code === "S01")!.id, S02: found.find((s) => s.code === "S02")!.id };
    const group = (chatId: string, name: string, schoolId: string, delivery: object) =>
      prisma.chatGroup.create({ data: { platform: "wecom", chatId, name, regionId: region.id, schoolId, delivery, status: "approved" } });
    groupIds.good = (await group("wr-good", "一中语文组", schools.S01, { robotKey: GOOD_KEY })).id;
    groupIds.revoked = (await group("wr-revoked", "一中数学组", schools.S01, { robotKey: "robot-key-deliveries-revoked" })).id;
    groupIds.silent = (await group("wr-silent", "实验小学全体", schools.S02, {})).id;
    coordination = createCoordination(redisUrl ? { redis: { url: redisUrl, keyPrefix: uniqueRedisPrefix("deliveries-api") } } : {});
    const logger = capturingLogger().logger;
    const senders = new WecomSenders({ apiBase: fake.base, throttledRetryMs: 100, rateLimiter: coordination.rateLimiter, prisma, logger, apps: new Map(), now: () => new Date(), secrets: testSecretBox() });
    worker = startOutboxWorker({
      prisma,
      coordination,
      senders: { wecom: new WecomOutboundSender(senders, []) },
      logger,
      options: { reconcileEveryMs: 100, retryBaseMs: 50 },
    });
  });

  afterAll(async () => {
    await worker?.close();
    await coordination?.close();
    await api?.close();
    await fake?.close();
  });

  it("shows how many groups a notice would reach without sending it (dryRun)", async () => {
    const region = await api.call("A0001", "POST", "/notices", { text: "测试", target: "region", dryRun: true });
    expect(region).toMatchObject({ status: 200, body: { dryRun: true, target: "region", groups: 3 } });
    const school = await api.call("T0001", "POST", "/notices", { text: "测试", target: "school", dryRun: true });
    expect(school.body).toMatchObject({ dryRun: true, groups: 2 });
    expect(await api.database.prisma.notice.count()).toBe(0);
  });

  it("keeps school administrators to their own school and teachers out", async () => {
    const otherSchool = await api.call("T0001", "POST", "/notices", { text: "测试", target: "school", schoolIds: [schools.S02] });
    expect(otherSchool).toMatchObject({ status: 403, body: { error: "notice_other_school" } });
    const region = await api.call("T0001", "POST", "/notices", { text: "测试", target: "region" });
    expect(region.status).toBe(403);
    const otherGroup = await api.call("T0001", "POST", "/notices", { text: "测试", target: "groups", groupIds: [groupIds.silent] });
    expect(otherGroup.status).toBe(404);
    const teacher = await api.call("T0002", "POST", "/notices", { text: "测试", target: "school" });
    expect(teacher.status).toBe(403);
    const empty = await api.call("A0001", "POST", "/notices", { text: "   ", target: "region" });
    expect(empty).toMatchObject({ status: 400, body: { field: "text" } });
  });

  it("sends a region notice and reports each group's outcome with its reason", async () => {
    const created = await api.call("A0001", "POST", "/notices", { text: "下周一交教学反思。", target: "region" });
    expect(created).toMatchObject({ status: 201, body: { target: "region", groups: 3 } });
    const id = created.body.id as string;
    const status = await eventually(async () => {
      const answer = await api.call("A0001", "GET", `/notices/${id}`);
      return answer.body.pending === 0 && answer.body;
    });
    expect(status).toMatchObject({ groups: 3, delivered: 1, pending: 0, failed: 0, dead: 2, author: "马红" });
    const reasons = Object.fromEntries(status.failures.map((f: { groupName: string; reason: string }) => [f.groupName, f.reason]));
    expect(reasons["一中数学组"]).toContain("群机器人已被移除或停用（errcode 93000）");
    expect(reasons["实验小学全体"]).toBe("这个群没有配置发送方式：请管理员为它设置群机器人 key（或应用群聊）");
    expect(fake.delivered("/cgi-bin/webhook/send").map((r) => r.query.key)).toEqual([GOOD_KEY]);

    const dead = await api.call("A0001", "GET", "/deliveries?status=dead");
    expect(dead.body.deliveries.map((d: { groupName: string }) => d.groupName).sort()).toEqual(["一中数学组", "实验小学全体"]);
    const s02 = await api.call("T0006", "GET", "/deliveries?status=dead");
    expect(s02.body.deliveries.map((d: { groupName: string }) => d.groupName)).toEqual(["实验小学全体"]);
    expect((await api.call("T0006", "GET", `/notices/${id}`)).status).toBe(404);
  });

  it("announces a project's enrollment when it is approved with notify, once", async () => {
    const project = await api.call("A0001", "POST", "/projects", {
      code: "P2026-09",
      title: "新课标大单元教学设计",
      level: "county",
      mode: "centralized",
      category: "elective",
      hours: 24,
      startsOn: "2026-12-10",
      endsOn: "2026-12-12",
      enrollmentDeadline: "2026-12-05",
      quota: 40,
    });
    expect(project.status).toBe(201);
    // A group the bot merely heard from is not announced to.
    const region = await api.database.prisma.region.findFirstOrThrow();
    const pending = await api.database.prisma.chatGroup.create({ data: { platform: "wecom", chatId: "wx-heard-of", regionId: region.id } });
    const approved = await api.call("A0001", "POST", `/projects/${project.body.id}/approve`, { notify: true });
    expect(approved.status).toBe(200);
    const noticeId = approved.body.noticeId as string;
    const notice = await api.database.prisma.notice.findUniqueOrThrow({ where: { id: noticeId } });
    expect(notice.text).toContain("《新课标大单元教学设计》（P2026-09）");
    expect(notice.text).toContain("报名截止：2026-12-05");
    expect(notice.text).toContain("名额：40 人");
    expect(notice.text).toContain("「报名 P2026-09」");
    expect(await api.database.prisma.delivery.count({ where: { noticeId } })).toBe(3);
    expect(notice.groupIds).not.toContain(pending.id);
    await eventually(async () => (await api.call("A0001", "GET", `/notices/${noticeId}`)).body.delivered === 1);

    const again = await api.call("A0001", "POST", `/projects/${project.body.id}/approve`, { notify: true });
    expect(again.body.noticeId).toBeNull();
    expect(await api.database.prisma.notice.count({ where: { text: { contains: "P2026-09" } } })).toBe(1);
  });
});

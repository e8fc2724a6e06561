import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/bot/templates.js";
import { createCoordination } from "../../src/coordination/index.js";
import { applyRetention } from "../../src/domain/retention.js";
import type { DeliveryStatus } from "../../src/generated/prisma/client.js";
import { runReminderJob } from "../../src/jobs/reminders/run-job.js";
import { REMINDER_QUEUE, type ReminderJobData } from "../../src/jobs/reminders/schedules.js";
import { databaseKinds } from "../support/database.js";
import { fixtureSuite } from "../support/fixture-suite.js";
import { capturingLogger } from "../support/logger.js";

const NOW = new Date("2026-11-23T19:30:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

describe.each(databaseKinds)("retention on %s", (kind) => {
  const suite = fixtureSuite(kind);

  it("clears final deliveries older than each region's retention and deletes expired chat sessions, once", async () => {
    const { prisma } = suite.database;
    const shortLived = (await suite.make.region({ retentionDays: 30 })).id;
    const defaultRegion = suite.regionId;
    const rows: [string, string, DeliveryStatus, number][] = [
      ["short-sent-31", shortLived, "sent", 31],
      ["short-dead-40", shortLived, "dead", 40],
      ["short-sent-29", shortLived, "sent", 29],
      ["short-pending-100", shortLived, "pending", 100],
      ["default-sent-100", defaultRegion, "sent", 100],
      ["default-failed-181", defaultRegion, "failed", 181],
    ];
    await prisma.delivery.createMany({
      data: rows.map(([key, regionId, status, age]) => ({
        idempotencyKey: key, regionId, purpose: "annual_nudge" as const, platform: "wecom" as const, teacherId: null,
        content: `给老师的提醒 ${key}`, mentions: ["someone"], status, createdAt: daysAgo(age),
      })),
    });
    await prisma.botSession.createMany({
      data: [
        { platform: "wecom", chatId: "c", senderId: "expired", kind: "paging", payload: {}, expiresAt: daysAgo(1) },
        { platform: "wecom", chatId: "c", senderId: "live", kind: "paging", payload: {}, expiresAt: new Date(NOW.getTime() + 60_000) },
      ],
    });

    expect(await applyRetention(prisma, NOW)).toEqual({ deliveriesPurged: 3, botSessionsDeleted: 1 });
    const stored = Object.fromEntries((await prisma.delivery.findMany({ where: { idempotencyKey: { in: rows.map(([key]) => key) } } })).map((row) => [row.idempotencyKey, row]));
    for (const key of ["short-sent-31", "short-dead-40", "default-failed-181"]) {
      expect(stored[key]).toMatchObject({ content: "", mentions: [], purgedAt: NOW });
    }
    for (const key of ["short-sent-29", "short-pending-100", "default-sent-100"]) {
      expect(stored[key]).toMatchObject({ content: `给老师的提醒 ${key}`, mentions: ["someone"], purgedAt: null });
    }
    expect(stored["short-dead-40"]!.status).toBe("dead");
    expect((await prisma.botSession.findMany()).map((session) => session.senderId)).toEqual(["live"]);

    expect(await applyRetention(prisma, NOW)).toEqual({ deliveriesPurged: 0, botSessionsDeleted: 0 });
  });

  it("runs as the daily 'retention' job of the reminder queue", async () => {
    const { prisma } = suite.database;
    await prisma.delivery.create({
      data: { idempotencyKey: "job-old", regionId: suite.regionId, purpose: "annual_nudge", platform: "wecom", content: "很久以前的提醒", status: "sent", createdAt: daysAgo(200) },
    });
    const coordination = createCoordination();
    try {
      const log = capturingLogger();
      const deps = { prisma, templates: loadTemplates(), now: () => NOW, logger: log.logger };
      await runReminderJob(deps, coordination.queue<ReminderJobData>(REMINDER_QUEUE), { id: "1", name: "retention", data: { regionId: null }, attempt: 1 });
      expect(await prisma.delivery.findUniqueOrThrow({ where: { idempotencyKey: "job-old" } })).toMatchObject({ content: "", purgedAt: NOW });
      expect(log.lines().find((line) => line.job === "retention")).toMatchObject({ deliveriesPurged: 1, msg: "retention job done" });
    } finally {
      await coordination.close();
    }
  });
});

import { createBot } from "./bot/pipeline.js";
import { loadTemplates } from "./bot/templates.js";
import { createDingtalkChannel } from "./channels/dingtalk/index.js";
import { DingtalkOutboundSender } from "./channels/dingtalk/outbound-sender.js";
import { reachablePlatforms } from "./channels/platforms.js";
import { createWecomChannel } from "./channels/wecom/index.js";
import type { Config } from "./config.js";
import { configOrExit } from "./config-or-exit.js";
import { createCoordination } from "./coordination/index.js";
import { openDatabase } from "./db/database.js";
import { todayIn } from "./domain/calendar.js";
import { loadDemoData } from "./domain/demo-data.js";
import { adminRouter } from "./http/admin/router.js";
import { buildApp } from "./http/app.js";
import { startServer } from "./http/server.js";
import { outboxKick } from "./jobs/outbox/kick.js";
import { startOutboxWorker } from "./jobs/outbox/worker.js";
import { startReminders } from "./jobs/reminders/index.js";
import { createLogger, type Logger } from "./logger.js";
import { secretBoxFor } from "./secret-box.js";

/** Composition root: reads the configuration, wires the adapters for the chosen mode and serves HTTP. */
async function main(config: Config, logger: Logger): Promise<void> {
  const database = await openDatabase(config.database, (error) =>
    logger.warn({ err: error }, "database connection lost; the pool will reconnect"),
  );
  const migration = await database.migrate();
  logger.info({ applied: migration.applied, alreadyApplied: migration.alreadyApplied }, "database migrated");
  if (migration.modifiedAfterApply.length > 0) {
    logger.warn({ migrations: migration.modifiedAfterApply }, "migrations changed after they were applied");
  }

  const demoWanted =
    config.demoData === "always" || (config.demoData === "auto" && config.database.kind === "embedded");
  if (demoWanted && (config.demoData === "always" || (await database.prisma.region.count()) === 0)) {
    const demo = await loadDemoData(database.prisma, todayIn(config.defaultTimezone, new Date()));
    if (demo) logger.info(demo, "demo data loaded (region demo-bozhou, teachers T0001–T0010, admin A0001)");
  }

  const secrets = secretBoxFor(config);
  const directMessagePlatforms = reachablePlatforms(config);
  const coordination = createCoordination({ redis: config.redis, logger });
  const kickOutbox = outboxKick(coordination, logger);
  const bot = createBot({ prisma: database.prisma, templates: loadTemplates(), now: () => new Date(), logger, secrets, kickOutbox, coordination, directMessagePlatforms });
  // WeCom: callback routes for each configured AI bot and app, and the outbound queue's worker.
  const wecom = config.wecom
    ? createWecomChannel({
        config: config.wecom,
        bot,
        coordination,
        prisma: database.prisma,
        logger,
        secrets,
      })
    : undefined;
  // DingTalk: a supervised Stream connection (default) or the /dingtalk/callback route (DINGTALK_MODE=http).
  const dingtalk = config.dingtalk
    ? createDingtalkChannel({
        config: config.dingtalk,
        bot,
        coordination,
        prisma: database.prisma,
        logger,
        now: () => new Date(),
        secrets,
      })
    : undefined;
  const app = buildApp({
    logger,
    readinessChecks: [
      { name: "database", check: () => database.ping() },
      ...(coordination.mode === "redis" ? [{ name: "redis", check: () => coordination.ping() }] : []),
    ],
    routers: [
      adminRouter({ prisma: database.prisma, now: () => new Date(), secrets, kickOutbox, coordination }),
      ...(wecom?.routers ?? []),
      ...(dingtalk?.routers ?? []),
    ],
  });
  const server = await startServer(app, config.http.host, config.http.port, { requestTimeoutMs: config.http.requestTimeoutMs });
  await dingtalk?.start();
  // Notices and reminders: every Delivery row is sent by whichever instance claims it first.
  const outboxWorker = startOutboxWorker({
    prisma: database.prisma,
    coordination,
    senders: {
      ...(wecom ? { wecom: wecom.outboundSender } : {}),
      ...(dingtalk ? { dingtalk: new DingtalkOutboundSender(dingtalk.outbound) } : {}),
    },
    logger,
  });
  // Deadline reminders, weekly overdue digests and annual nudges: producers of Delivery rows, on schedules.
  const reminders = await startReminders({ prisma: database.prisma, templates: loadTemplates(), now: () => new Date(), logger, coordination, directMessagePlatforms });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    const hardStop = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs * 2);
    hardStop.unref();
    try {
      await server.close(config.shutdownTimeoutMs);
      await outboxWorker.close();
      await reminders.close();
      await wecom?.close();
      await dingtalk?.close();
      await coordination.close();
      await database.close();
      logger.info("stopped cleanly");
      process.exitCode = 0;
    } catch (error) {
      logger.error({ err: error }, "error while shutting down");
      process.exitCode = 1;
    }
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  // Announced only once the signal handlers are in place: whoever waits for this line may stop us at once.
  const databaseShown = config.database.kind === "embedded" ? `embedded (${config.database.dataDir})` : "PostgreSQL";
  logger.info(
    { url: server.url, database: databaseShown, coordination: coordination.mode },
    `继教学分助手 listening on ${server.url}`,
  );
}

const config = configOrExit();
const logger = createLogger(config.logLevel);
main(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, "start-up failed");
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
});

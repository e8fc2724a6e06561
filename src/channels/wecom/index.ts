import Router from "@koa/router";
import type { Bot } from "../../bot/pipeline.js";
import type { WecomConfig } from "../../config.js";
import type { Coordination } from "../../coordination/index.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { Logger } from "../../logger.js";
import type { SecretBox } from "../../secret-box.js";
import type { OutboundSender } from "../types.js";
import { mountAiBot } from "./aibot/aibot-callback.js";
import { WecomAppClient } from "./api/app-client.js";
import { mountApp } from "./app/app-callback.js";
import { BackgroundWork } from "./background-work.js";
import type { ChannelContext } from "./channel-context.js";
import { WecomOutboundSender } from "./outbound-sender.js";
import { WecomOutbox } from "./send/outbox.js";
import { WecomSenders } from "./send/senders.js";

export type { WecomOutbox } from "./send/outbox.js";

/** A passive reply must reach WeCom well within its 5 s; past this the answer goes through response_url. */
const DEFAULT_REPLY_BUDGET_MS = 1_500;

export type WecomChannelDependencies = {
  config: WecomConfig;
  bot: Bot;
  coordination: Coordination;
  prisma: PrismaClient;
  logger: Logger;
  /** Opens group robot keys when a message goes out. */
  secrets: SecretBox;
  now?: () => Date;
  replyBudgetMs?: number;
};

export type WecomChannel = {
  /** The callback routes: /wecom/aibot[/<name>] and /wecom/app[/<name>]. */
  routers: Router[];
  /** Queues messages to WeCom groups and members (notices, reminders, answers). */
  outbox: WecomOutbox;
  /** Sends what the database outbox holds (notices, reminders); the Delivery row records the outcome. */
  outboundSender: OutboundSender;
  /** Waits for answers still being prepared; the queue itself closes with the coordination. */
  close(): Promise<void>;
};

/**
 * The WeCom (企业微信) channel: one callback URL per configured AI bot and self-built app, routed by
 * name, and this instance's worker for the outbound queue.
 */
export function createWecomChannel(deps: WecomChannelDependencies): WecomChannel {
  const { config, coordination, prisma, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const appClients = new Map(config.apps.map((app) => [app.name, new WecomAppClient(config.apiBase, app, coordination.tokens)]));
  const outbox = new WecomOutbox(coordination, prisma, new Map(config.apps.map((app) => [app.name, app])));
  const senders = new WecomSenders({
    apiBase: config.apiBase,
    throttledRetryMs: config.throttledRetryMs,
    rateLimiter: coordination.rateLimiter,
    prisma,
    logger,
    apps: appClients,
    now,
    secrets: deps.secrets,
  });
  outbox.start(senders);
  const background = new BackgroundWork(logger);
  const context: ChannelContext = { bot: deps.bot, coordination, outbox, logger, now, background };
  const router = new Router();
  for (const aiBot of config.aiBots) {
    mountAiBot(router, routeOf("aibot", aiBot.name), aiBot, context, { replyBudgetMs: deps.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS });
  }
  for (const app of config.apps) {
    if (app.callback) mountApp(router, routeOf("app", app.name), { ...app, callback: app.callback }, context);
  }
  return { routers: [router], outbox, outboundSender: new WecomOutboundSender(senders, config.apps), close: () => background.drain() };
}

function routeOf(kind: "aibot" | "app", name: string): string {
  return name === "" ? `/wecom/${kind}` : `/wecom/${kind}/${name}`;
}

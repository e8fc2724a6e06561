import type Router from "@koa/router";
import type { Bot } from "../../bot/pipeline.js";
import type { DingtalkConfig } from "../../config.js";
import type { Coordination } from "../../coordination/index.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { Logger } from "../../logger.js";
import type { SecretBox } from "../../secret-box.js";
import { DingtalkAccessTokens } from "./api/access-token.js";
import { CustomRobotSender } from "./api/custom-robot.js";
import { DingtalkOpenApi } from "./api/openapi.js";
import { dingtalkCallbackRouter } from "./http/callback-router.js";
import { InFlight } from "./in-flight.js";
import { createInboundHandler } from "./inbound.js";
import { DingtalkOutbound } from "./outbound.js";
import { DingtalkReplier } from "./replier.js";
import { DEFAULT_STREAM_TIMING, type StreamTiming } from "./stream/supervisor.js";
import { createStreamTransport } from "./stream/transport.js";

export { DingtalkApiError, DingtalkThrottledError } from "./api/errors.js";
export type { DingtalkOutbound } from "./outbound.js";

/** How long shutdown waits for answers still being sent. */
const DRAIN_TIMEOUT_MS = 5_000;
const USER_AGENT = "jijiao-credit-assistant dingtalk-stream/2.1.5";

export type DingtalkChannelDependencies = {
  config: DingtalkConfig;
  bot: Bot;
  coordination: Coordination;
  prisma: PrismaClient;
  logger: Logger;
  now: () => Date;
  /** Opens custom-robot credentials when a message goes out. */
  secrets: SecretBox;
  /** Stream reconnection timing; tests shorten it. */
  streamTiming?: Partial<StreamTiming>;
};

export type DingtalkChannel = {
  /** Koa routers to mount: /dingtalk/callback in HTTP mode, none in Stream mode. */
  routers: Router[];
  /** Stream mode: starts keeping a gateway connection up (in the background; never throws). */
  start(): Promise<void>;
  /** Stops the connection and waits (briefly) for answers still being sent. */
  close(): Promise<void>;
  /** Messages the service starts itself: notices and reminders to groups and teachers. */
  outbound: DingtalkOutbound;
};

/** The DingTalk channel: robot messages in (Stream or HTTP callback), answers and notices out. */
export function createDingtalkChannel(deps: DingtalkChannelDependencies): DingtalkChannel {
  const { config, coordination, now } = deps;
  const logger = deps.logger.child({ channel: "dingtalk" });
  const accessTokens = new DingtalkAccessTokens({
    apiBase: config.apiBase,
    clientId: config.clientId,
    clientSecrets: config.clientSecrets,
    tokens: coordination.tokens,
    logger,
  });
  const openApi = new DingtalkOpenApi({
    apiBase: config.apiBase,
    clientId: config.clientId,
    accessTokens,
    rateLimiter: coordination.rateLimiter,
    logger,
  });
  const replier = new DingtalkReplier({ openApi, oapiBase: config.oapiBase, defaultRobotCode: config.robotCode, now, logger });
  const handleRobotMessage = createInboundHandler({
    bot: deps.bot,
    dedup: coordination.dedup,
    prisma: deps.prisma,
    replier,
    defaultRobotCode: config.robotCode,
    logger,
  });
  const inFlight = new InFlight();
  const stream =
    config.mode === "stream"
      ? createStreamTransport({
          gatewayUrl: config.streamGateway,
          clientId: config.clientId,
          clientSecrets: config.clientSecrets,
          ua: USER_AGENT,
          timing: { ...DEFAULT_STREAM_TIMING, ...deps.streamTiming },
          handleRobotMessage,
          inFlight,
          now,
          logger,
        })
      : undefined;
  const routers =
    config.mode === "http"
      ? [dingtalkCallbackRouter({ clientSecrets: config.clientSecrets, handleRobotMessage, dedup: coordination.dedup, inFlight, now, logger })]
      : [];
  const customRobots = new CustomRobotSender({ oapiBase: config.oapiBase, rateLimiter: coordination.rateLimiter, dedup: coordination.dedup, now });

  return {
    routers,
    async start() {
      logger.info({ mode: config.mode }, config.mode === "stream" ? "dingtalk: connecting to the stream gateway" : "dingtalk: accepting callbacks at /dingtalk/callback");
      stream?.start();
    },
    async close() {
      await stream?.stop();
      await inFlight.drain(DRAIN_TIMEOUT_MS);
    },
    outbound: new DingtalkOutbound({ openApi, customRobots, defaultRobotCode: config.robotCode, secrets: deps.secrets }),
  };
}

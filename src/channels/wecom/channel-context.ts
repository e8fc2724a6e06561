import type { Bot } from "../../bot/pipeline.js";
import type { Coordination } from "../../coordination/index.js";
import type { Logger } from "../../logger.js";
import type { BackgroundWork } from "./background-work.js";
import type { WecomOutbox } from "./send/outbox.js";

/** What every WeCom callback handler needs, built once by createWecomChannel. */
export type ChannelContext = {
  bot: Bot;
  coordination: Coordination;
  outbox: WecomOutbox;
  logger: Logger;
  now: () => Date;
  background: BackgroundWork;
};

/** A platform message is answered once: retries and duplicates within a day are dropped. */
export const DEDUP_TTL_SECONDS = 24 * 3600;

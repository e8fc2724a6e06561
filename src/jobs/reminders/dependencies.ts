import type { Templates } from "../../bot/templates.js";
import type { Platform, PrismaClient } from "../../generated/prisma/client.js";
import type { Logger } from "../../logger.js";

/** What the reminder producers need; tests pass a fixed `now`. */
export type ReminderDependencies = {
  prisma: PrismaClient;
  templates: Templates;
  now: () => Date;
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** Platforms this install can message a person on (see reachablePlatforms); default: all that have direct messages. */
  directMessagePlatforms?: readonly Platform[];
};

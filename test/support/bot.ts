import type { ChatMessage } from "../../src/channels/types.js";
import type { BotDependencies } from "../../src/bot/context.js";
import { createBot } from "../../src/bot/pipeline.js";
import { loadTemplates } from "../../src/bot/templates.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { openTestDatabase, type DatabaseKind } from "./database.js";
import { capturingLogger } from "./logger.js";

/**
 * The bot over the demo region on a fresh database. `as(senderId)` returns a function that sends text as
 * that platform user — in a direct chat, or in a group with the bot @-mentioned — and returns reply texts.
 * `extra` adds optional dependencies, such as the coordination whose schedules 发送情况 shows.
 */
export async function startBot(kind: DatabaseKind, now = new Date("2026-11-23T02:00:00Z"), extra: Pick<BotDependencies, "coordination"> = {}) {
  const database = await openTestDatabase(kind);
  await loadDemoData(database.prisma, "2026-11-23");
  const log = capturingLogger();
  const clock = { now };
  const bot = createBot({ prisma: database.prisma, templates: loadTemplates(), now: () => clock.now, logger: log.logger, ...extra });
  let sequence = 0;
  const as =
    (senderId: string, where: { group?: string; mentioned?: boolean } = {}) =>
    async (text: string) => {
      const message: ChatMessage = {
        platform: "playground",
        chatType: where.group ? "group" : "direct",
        chatId: where.group ?? `direct:${senderId}`,
        senderId,
        text,
        mentionedBot: where.mentioned ?? true,
        mentions: [],
        messageId: `m${++sequence}`,
        sentAt: clock.now,
      };
      return bot.handle(message);
    };
  return { database, bot, as, clock, lines: log.lines, dispose: () => database.dispose() };
}

import type { ChatMessage } from "../../src/channels/types.js";
import type { BotDependencies } from "../../src/bot/context.js";
import { createBot } from "../../src/bot/pipeline.js";
import { createCoordination } from "../../src/coordination/index.js";
import { loadTemplates } from "../../src/bot/templates.js";
import { loadDemoData } from "../../src/domain/demo-data.js";
import { bindMessageFor } from "./bind-codes.js";
import { openTestDatabase, type DatabaseKind } from "./database.js";
import { capturingLogger } from "./logger.js";
import { testSecretBox } from "./secrets.js";

/**
 * The bot over the demo region on a fresh database. `as(senderId)` returns a function that sends text as
 * that platform user — in a direct chat, or in a group with the bot @-mentioned — and returns reply texts.
 * `extra` adds optional dependencies, such as the coordination whose schedules 发送情况 shows.
 */
export async function startBot(kind: DatabaseKind, now = new Date("2026-11-23T02:00:00Z"), extra: Partial<Pick<BotDependencies, "coordination" | "directMessagePlatforms">> = {}) {
  const database = await openTestDatabase(kind);
  await loadDemoData(database.prisma, "2026-11-23");
  const log = capturingLogger();
  const clock = { now };
  const bot = createBot({ prisma: database.prisma, templates: loadTemplates(), now: () => clock.now, logger: log.logger, secrets: testSecretBox(), coordination: createCoordination(), ...extra });
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
  /** Binds `senderId` to the person with this 工号 as a teacher does: a code from an administrator, then 绑定. */
  const bind = async (senderId: string, employeeNumber: string) => as(senderId)(await bindMessageFor(database.prisma, employeeNumber, clock.now));
  return { database, bot, as, bind, clock, lines: log.lines, dispose: () => database.dispose() };
}

import type { Bot } from "../../bot/pipeline.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { checkInbound } from "../inbound-safety.js";
import { playgroundMessage, type PlaygroundPlace } from "./decode.js";
import { renderReply } from "./encode.js";
import type { PlaygroundPerson } from "./person.js";

export type Playground = {
  /** Sends one typed line through the bot and returns its replies as terminal text (none: silence). */
  say(line: string): Promise<string[]>;
};

/**
 * The local channel: typed lines become messages from one person of the roster, through the same pipeline
 * and database as the real platforms.
 */
export function createPlayground(deps: { prisma: PrismaClient; bot: Bot; now: () => Date }, person: PlaygroundPerson, place: PlaygroundPlace): Playground {
  return {
    async say(line) {
      const checked = checkInbound(playgroundMessage(line, person.senderId, place, deps.now()));
      if (!checked.ok) return [`（没有发出：${checked.field} 含控制字符）`];
      const replies = await deps.bot.handle(checked.message);
      const mentioned = replies.flatMap((reply) => reply.mentions);
      const accounts = mentioned.length
        ? await deps.prisma.chatIdentity.findMany({
            where: { platform: "playground", platformUserId: { in: mentioned } },
            include: { teacher: true },
          })
        : [];
      const names = new Map(accounts.map((account) => [account.platformUserId, account.teacher.name]));
      return replies.map((reply) => renderReply(reply, (id) => names.get(id) ?? id));
    },
  };
}

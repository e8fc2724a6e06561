import type { Bot } from "../../bot/pipeline.js";
import type { DedupStore } from "../../coordination/index.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { Logger } from "../../logger.js";
import { withoutInvisible } from "../../domain/text-safety.js";
import { checkInbound } from "../inbound-safety.js";
import type { ChatMessage, Reply } from "../types.js";
import type { DecodedRobotMessage } from "./decode.js";
import { rememberConversation } from "./group-delivery.js";
import type { DingtalkReplier } from "./replier.js";

/** Long enough to outlast any redelivery DingTalk makes (it retries within about a minute). */
const DEDUP_SECONDS = 24 * 60 * 60;

export type InboundDependencies = {
  bot: Bot;
  dedup: DedupStore;
  prisma: PrismaClient;
  replier: DingtalkReplier;
  defaultRobotCode: string;
  logger: Logger;
};

export type InboundOutcome = "answered" | "silent" | "duplicate" | "refused";

/**
 * One robot message, whichever way it came (Stream or HTTP): answered once across all instances, however
 * often DingTalk delivers it and however many connections it delivers it to.
 */
export function createInboundHandler(deps: InboundDependencies) {
  return async function handleRobotMessage(decoded: DecodedRobotMessage): Promise<InboundOutcome> {
    const checked = checkInbound(decoded.message, { robotCode: decoded.replyTarget.robotCode, senderStaffId: decoded.replyTarget.senderStaffId });
    if (!checked.ok) {
      deps.logger.warn({ field: checked.field }, "dingtalk: message dropped: control characters in an id");
      return "refused";
    }
    const message = checked.message;
    const replyTarget = { ...decoded.replyTarget, conversationTitle: decoded.replyTarget.conversationTitle && withoutInvisible(decoded.replyTarget.conversationTitle) };
    const log = deps.logger.child({ messageId: message.messageId, chatType: message.chatType });
    if (!(await deps.dedup.claim(`dingtalk:msg:${message.messageId}`, DEDUP_SECONDS))) {
      log.info("dingtalk: message already handled; redelivery ignored");
      return "duplicate";
    }
    if (decoded.unreadableType) {
      log.info({ msgtype: decoded.unreadableType }, "dingtalk: message type carries no text; the bot gets an empty message");
    }
    const replies = await deps.bot.handle(message);
    if (message.chatType === "group" && message.mentionedBot) {
      await rememberConversation(deps.prisma, {
        openConversationId: replyTarget.conversationId,
        robotCode: replyTarget.robotCode ?? deps.defaultRobotCode,
        title: replyTarget.conversationTitle,
      }).catch((error: unknown) => log.error({ err: error }, "dingtalk: could not record the group's conversation id"));
    }
    if (replies.length === 0) return "silent";
    await deps.replier.reply(replyTarget, addressedToAsker(replies, message.chatType, replyTarget.senderStaffId), message.messageId);
    return "answered";
  };
}

/**
 * In a DingTalk group an answer is just another message in the stream, so it @-mentions whoever asked (WeCom's
 * AI bot answers in the asker's thread instead). A reply that already @-mentions people (催交's late teachers)
 * is addressed to them; outsiders have no staff id to mention.
 */
function addressedToAsker(replies: Reply[], chatType: ChatMessage["chatType"], senderStaffId: string | undefined): Reply[] {
  if (chatType !== "group" || senderStaffId === undefined) return replies;
  return replies.map((reply) => (reply.mentions.length > 0 ? reply : { ...reply, mentions: [senderStaffId] }));
}

export type RobotMessageHandler = ReturnType<typeof createInboundHandler>;

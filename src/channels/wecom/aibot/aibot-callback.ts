import { randomUUID } from "node:crypto";
import type Router from "@koa/router";
import type { Context } from "koa";
import { z } from "zod";
import type { WecomAiBotConfig } from "../../../config.js";
import { checkInbound } from "../../inbound-safety.js";
import type { Reply } from "../../types.js";
import { DEDUP_TTL_SECONDS, type ChannelContext } from "../channel-context.js";
import { sealEnvelope } from "../callback/envelope.js";
import { acknowledge, answerUrlVerification, readCallbackBody, refuseCallback, type CallbackLog } from "../callback/respond.js";
import { verifyCallback } from "../callback/verify.js";
import { withinBudget, type BudgetOutcome } from "../callback/within-budget.js";
import { decodeAiBotMessage } from "./aibot-decode.js";
import { aiBotAnswerContent, finishedStreamReply, passiveReplyBody, responseUrlBody } from "./aibot-encode.js";
import { aiBotPayloadSchema, isKnownAiBotMessageType, type AiBotUserMessage } from "./aibot-payload.js";
import { FinishedStreams } from "./finished-streams.js";

/** An internal AI bot's messages are encrypted for the receiveid "". */
const AI_BOT_RECEIVE_ID = "";

const envelopeSchema = z.object({ encrypt: z.string().min(1).max(60_000) });
const withMessageType = z.object({ msgtype: z.string() });

export type AiBotOptions = {
  /** How long a passive reply may wait for the answer; later answers go through response_url. */
  replyBudgetMs: number;
};

/**
 * The callback URL of one AI bot (智能机器人, API mode): GET verifies the URL when the admin saves it, POST
 * brings messages. An answer ready within the budget goes back in the HTTP response as a finished stream;
 * a slower one is acknowledged empty and posted to the message's response_url when ready.
 */
export function mountAiBot(router: Router, path: string, config: WecomAiBotConfig, context: ChannelContext, options: AiBotOptions): void {
  const log: CallbackLog = { logger: context.logger, endpoint: path };
  const streams = new FinishedStreams(context.now);
  const verify = (ctx: Context, encrypted: string | undefined) =>
    verifyCallback({ query: ctx.query, encrypted, secrets: config.callback, receiveId: AI_BOT_RECEIVE_ID, now: context.now() });

  router.get(path, (ctx) => answerUrlVerification(ctx, log, verify(ctx, undefined)));

  router.post(path, async (ctx) => {
    const body = await readCallbackBody(ctx, log);
    if (!body) return;
    const envelope = envelopeSchema.safeParse(parseJson(body.toString("utf8")));
    if (!envelope.success) return refuseCallback(ctx, log, 400, "bad_envelope");
    const verified = verify(ctx, envelope.data.encrypt);
    if (!verified.ok) return refuseCallback(ctx, log, verified.refusal.status, verified.refusal.reason);
    const json = parseJson(verified.plaintext);
    const payload = aiBotPayloadSchema.safeParse(json);
    if (!payload.success) {
      const type = withMessageType.safeParse(json);
      // A message type WeCom added after this was written is acknowledged, so WeCom does not retry it.
      if (type.success && !isKnownAiBotMessageType(type.data.msgtype)) {
        context.logger.info({ channel: "wecom", endpoint: path, msgtype: type.data.msgtype }, "wecom ai bot message type ignored");
        return acknowledge(ctx);
      }
      return refuseCallback(ctx, log, 400, "bad_payload");
    }
    const sealReply = (plaintext: string) => {
      const sealed = sealEnvelope(verified.secrets, AI_BOT_RECEIVE_ID, plaintext, verified.timestamp, verified.nonce);
      ctx.body = passiveReplyBody(sealed, verified.timestamp, verified.nonce);
    };
    const message = payload.data;
    switch (message.msgtype) {
      case "stream": {
        const content = streams.contentOf(message.stream.id);
        if (content === undefined) return acknowledge(ctx);
        return sealReply(finishedStreamReply(message.stream.id, content));
      }
      case "text":
      case "mixed":
      case "voice": {
        const content = await answer(message);
        if (content === undefined) return acknowledge(ctx);
        const streamId = randomUUID();
        streams.remember(streamId, content);
        return sealReply(finishedStreamReply(streamId, content));
      }
      default:
        return acknowledge(ctx);
    }
  });

  /** The answer's content when it is ready within the budget and says something; otherwise undefined. */
  async function answer(payload: AiBotUserMessage): Promise<string | undefined> {
    const checked = checkInbound(decodeAiBotMessage(payload, context.now()), { aibotid: payload.aibotid });
    if (!checked.ok) {
      context.logger.warn({ channel: "wecom", endpoint: path, field: checked.field }, "wecom ai bot message dropped: control characters in an id");
      return undefined;
    }
    const dedupKey = `wecom:aibot:${payload.aibotid}:${payload.msgid}`;
    if (!(await context.coordination.dedup.claim(dedupKey, DEDUP_TTL_SECONDS))) {
      context.logger.info({ channel: "wecom", endpoint: path, msgid: payload.msgid }, "wecom ai bot message already handled");
      return undefined;
    }
    const replies = context.bot.handle(checked.message);
    let outcome: BudgetOutcome<Reply[]>;
    try {
      outcome = await withinBudget(replies, options.replyBudgetMs);
    } catch (error) {
      await context.coordination.dedup.release(dedupKey); // let WeCom's retry through
      throw error;
    }
    context.logger.info({ channel: "wecom", endpoint: path, msgid: payload.msgid, inTime: outcome.inTime }, "wecom ai bot message handled");
    if (outcome.inTime) return outcome.value.length > 0 ? aiBotAnswerContent(outcome.value) : undefined;
    const responseUrl = payload.response_url;
    context.background.run(
      "late wecom ai bot answer",
      replies.then(async (late) => {
        if (late.length === 0) return;
        if (!responseUrl) {
          context.logger.warn({ channel: "wecom", msgid: payload.msgid }, "wecom ai bot answer came too late and the message had no response_url");
          return;
        }
        await context.outbox.toResponseUrl(responseUrl, responseUrlBody(aiBotAnswerContent(late)), `aibot:${payload.aibotid}:${payload.msgid}`);
      }),
    );
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

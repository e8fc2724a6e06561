import type Router from "@koa/router";
import type { Context } from "koa";
import { z } from "zod";
import type { WecomAppConfig, WecomCallbackSecrets } from "../../../config.js";
import { checkInbound } from "../../inbound-safety.js";
import type { ChatMessage } from "../../types.js";
import { DEDUP_TTL_SECONDS, type ChannelContext } from "../channel-context.js";
import { acknowledge, answerUrlVerification, readCallbackBody, refuseCallback, type CallbackLog } from "../callback/respond.js";
import { verifyCallback } from "../callback/verify.js";
import { decodeAppMessage } from "./app-decode.js";
import { appEnvelopeSchema, appMessageSchema, isKnownAppMessageType, parseXml, type AppTextMessage } from "./app-payload.js";

const withMessageType = z.object({ xml: z.object({ MsgType: z.string() }) });

/**
 * The callback URL of one self-built app (自建应用): GET verifies the URL, POST brings what members send
 * to the app. A message is acknowledged with an empty 200 at once (WeCom retries after 5 s) and answered
 * later through message/send.
 */
export function mountApp(
  router: Router,
  path: string,
  app: WecomAppConfig & { callback: WecomCallbackSecrets },
  context: ChannelContext,
): void {
  const log: CallbackLog = { logger: context.logger, endpoint: path };
  // A self-built app's messages are encrypted for the receiveid CorpID.
  const verify = (ctx: Context, encrypted: string | undefined) =>
    verifyCallback({ query: ctx.query, encrypted, secrets: app.callback, receiveId: app.corpId, now: context.now() });

  router.get(path, (ctx) => answerUrlVerification(ctx, log, verify(ctx, undefined)));

  router.post(path, async (ctx) => {
    const body = await readCallbackBody(ctx, log);
    if (!body) return;
    const envelope = appEnvelopeSchema.safeParse(parseXml(body.toString("utf8")));
    if (!envelope.success) return refuseCallback(ctx, log, 400, "bad_envelope");
    const verified = verify(ctx, envelope.data.xml.Encrypt);
    if (!verified.ok) return refuseCallback(ctx, log, verified.refusal.status, verified.refusal.reason);
    const xml = parseXml(verified.plaintext);
    const parsed = appMessageSchema.safeParse(xml);
    if (!parsed.success) {
      const type = withMessageType.safeParse(xml);
      if (type.success && !isKnownAppMessageType(type.data.xml.MsgType)) {
        context.logger.info({ channel: "wecom", endpoint: path, msgType: type.data.xml.MsgType }, "wecom app message type ignored");
        return acknowledge(ctx);
      }
      return refuseCallback(ctx, log, 400, "bad_payload");
    }
    const message = parsed.data.xml;
    if (message.AgentID !== undefined && message.AgentID !== app.agentId) return refuseCallback(ctx, log, 403, "wrong_agent");
    if (message.MsgType !== "text") return acknowledge(ctx);
    const checked = checkInbound(decodeAppMessage(message));
    if (!checked.ok) {
      context.logger.warn({ channel: "wecom", endpoint: path, field: checked.field }, "wecom app message dropped: control characters in an id");
      return acknowledge(ctx);
    }
    const dedupKey = `wecom:app:${app.corpId}:${app.agentId}:${message.MsgId}`;
    if (!(await context.coordination.dedup.claim(dedupKey, DEDUP_TTL_SECONDS))) {
      context.logger.info({ channel: "wecom", endpoint: path, msgId: message.MsgId }, "wecom app message already handled");
      return acknowledge(ctx);
    }
    context.background.run("wecom app answer", answer(message, checked.message));
    acknowledge(ctx);
  });

  async function answer(message: AppTextMessage, decoded: ChatMessage): Promise<void> {
    const replies = await context.bot.handle(decoded);
    for (const [index, reply] of replies.entries()) {
      await context.outbox.toUser(app.name, message.FromUserName, reply, `app:${app.corpId}:${app.agentId}:${message.MsgId}:${index}`);
    }
    context.logger.info({ channel: "wecom", endpoint: path, msgId: message.MsgId, replies: replies.length }, "wecom app message answered");
  }
}

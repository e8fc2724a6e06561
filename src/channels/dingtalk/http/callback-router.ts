import Router from "@koa/router";
import type { DedupStore } from "../../../coordination/types.js";
import type { Logger } from "../../../logger.js";
import { readBody } from "../../../http/read-body.js";
import { decodeRobotMessage } from "../decode.js";
import type { InFlight } from "../in-flight.js";
import type { RobotMessageHandler } from "../inbound.js";
import { SIGNATURE_WINDOW_MS, verifyDingtalkSignature } from "../sign.js";

/** A robot message is a few kilobytes; anything far larger is not one. */
const BODY_LIMIT_BYTES = 64 * 1024;
/** A pair is valid from window before its timestamp to window after it, so it is remembered that long. */
const SIGNATURE_MEMORY_SECONDS = Math.ceil((2 * SIGNATURE_WINDOW_MS) / 1000);

export type CallbackRouterOptions = {
  clientSecrets: readonly string[];
  handleRobotMessage: RobotMessageHandler;
  /** Remembers each accepted (timestamp, sign) pair, shared by every instance. */
  dedup: DedupStore;
  inFlight: InFlight;
  now: () => Date;
  logger: Logger;
};

/**
 * HTTP mode: DingTalk POSTs each robot message to /dingtalk/callback with `timestamp` and `sign` headers.
 * A (timestamp, sign) pair is accepted once, within SIGNATURE_WINDOW_MS of our clock. The request is checked
 * and answered at once (200, empty); the answer to the teacher goes out afterwards through the
 * sessionWebhook or the OpenAPI, so a slow database never makes DingTalk resend.
 */
export function dingtalkCallbackRouter(options: CallbackRouterOptions): Router {
  const { logger } = options;
  const router = new Router();
  router.post("/dingtalk/callback", async (ctx) => {
    const check = verifyDingtalkSignature({
      timestamp: ctx.get("timestamp") || undefined,
      sign: ctx.get("sign") || undefined,
      secrets: options.clientSecrets,
      nowMs: options.now().getTime(),
    });
    let refusal: string | undefined = check.ok ? undefined : check.reason;
    // The signature covers only the timestamp, so a pair seen before is a captured request carrying any body.
    const pair = `dingtalk:callback-sign:${ctx.get("timestamp")}:${ctx.get("sign")}`;
    if (!refusal && !(await options.dedup.claim(pair, SIGNATURE_MEMORY_SECONDS))) refusal = "replayed";
    if (refusal) {
      logger.warn({ reason: refusal, timestamp: ctx.get("timestamp") || null }, "dingtalk callback refused: bad signature");
      ctx.status = 401;
      ctx.body = { error: "bad_signature", message: "签名无效或已过期。" };
      return;
    }
    const raw = await readBody(ctx, BODY_LIMIT_BYTES);
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString("utf8"));
    } catch {
      logger.warn({ bytes: raw.length }, "dingtalk callback refused: body is not JSON");
      ctx.status = 400;
      ctx.body = { error: "bad_request", message: "请求体不是 JSON。" };
      return;
    }
    const decoded = decodeRobotMessage(payload, options.now());
    if (!decoded.ok) {
      logger.warn({ problem: decoded.problem }, "dingtalk callback refused: not a robot message");
      ctx.status = 400;
      ctx.body = { error: "bad_request", message: `不是机器人消息：${decoded.problem}` };
      return;
    }
    options.inFlight.track(
      options.handleRobotMessage(decoded.value).catch((error: unknown) => {
        logger.error({ err: error, messageId: decoded.value.message.messageId }, "dingtalk: could not answer a message");
      }),
    );
    ctx.status = 200;
    ctx.body = "";
  });
  return router;
}

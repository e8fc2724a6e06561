import type { Context } from "koa";
import type { Logger } from "../../../logger.js";
import { readBody } from "../../../http/read-body.js";
import type { VerifiedCallback } from "./verify.js";

/** Callback bodies are a few kilobytes; anything much larger is not WeCom. */
export const CALLBACK_BODY_LIMIT_BYTES = 64 * 1024;

const PUBLIC_MESSAGES: Record<number, { error: string; message: string }> = {
  400: { error: "bad_request", message: "请求格式不对。" },
  401: { error: "unauthorized", message: "签名校验失败。" },
  403: { error: "forbidden", message: "这条消息不是发给本应用的。" },
  413: { error: "body_too_large", message: "请求体过大。" },
};

export type CallbackLog = { logger: Logger; endpoint: string };

/**
 * Answers a refused callback with a fixed message per status, so nothing about which check failed (or what
 * the payload held) leaves the server; the reason goes to the log, which carries the request id.
 */
export function refuseCallback(ctx: Context, log: CallbackLog, status: 400 | 401 | 403 | 413, reason: string): void {
  log.logger.warn({ channel: "wecom", endpoint: log.endpoint, status, reason }, "wecom callback refused");
  ctx.status = status;
  ctx.body = { ...PUBLIC_MESSAGES[status], requestId: ctx.state.requestId as string | undefined };
}

/** An empty 200: WeCom's "received, nothing to say now". */
export function acknowledge(ctx: Context): void {
  ctx.status = 200;
  ctx.body = "";
}

/** The raw body, or undefined after refusing an oversized one. */
export async function readCallbackBody(ctx: Context, log: CallbackLog): Promise<Buffer | undefined> {
  try {
    return await readBody(ctx, CALLBACK_BODY_LIMIT_BYTES);
  } catch (error) {
    if ((error as { status?: unknown }).status !== 413) throw error;
    refuseCallback(ctx, log, 413, "body_too_large");
    return undefined;
  }
}

/**
 * Answers WeCom's URL verification (GET with `echostr`) with the bare plaintext: no quotes, no newline, or
 * WeCom reports "echostr校验失败".
 */
export function answerUrlVerification(ctx: Context, log: CallbackLog, verified: VerifiedCallback): void {
  if (!verified.ok) return refuseCallback(ctx, log, verified.refusal.status, verified.refusal.reason);
  ctx.type = "text/plain";
  ctx.body = verified.plaintext;
}

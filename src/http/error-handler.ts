import type { Middleware } from "koa";
import type { Logger } from "../logger.js";
import { ClientAbortedError } from "./read-body.js";

type ExposedHttpError = { status: number; expose: true; message: string; code?: string };

function isExposedHttpError(error: unknown): error is ExposedHttpError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { expose?: unknown }).expose === true &&
    typeof (error as { status?: unknown }).status === "number"
  );
}

/** nginx's "client closed request": nobody reads the answer, the status is for the log and metrics. */
const CLIENT_CLOSED_REQUEST = 499;

/**
 * Every error leaves as JSON. Client errors keep their message; a client that hung up mid-body is noted at
 * debug level (anyone can do it, it says nothing about the service); anything unexpected is logged with its
 * stack and answered with a generic message and the request id, never the stack itself.
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: "not_found", message: "没有这个地址。" };
      }
    } catch (error) {
      if (isExposedHttpError(error) && error.status < 500) {
        ctx.status = error.status;
        ctx.body = { error: error.code ?? "bad_request", message: error.message };
        return;
      }
      if (error instanceof ClientAbortedError) {
        logger.debug({ bytesReceived: error.bytesReceived }, "client closed the connection mid-body");
        ctx.status = CLIENT_CLOSED_REQUEST;
        ctx.body = { error: "client_closed_request", message: "客户端在请求体传完前断开了连接。" };
        return;
      }
      logger.error({ err: error }, "unhandled error");
      ctx.status = 500;
      ctx.body = {
        error: "internal",
        message: "服务器出了点问题，请稍后再试。",
        requestId: ctx.state.requestId as string | undefined,
      };
    }
  };
}

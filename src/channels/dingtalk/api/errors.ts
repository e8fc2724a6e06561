import { RetryLaterError } from "../../../coordination/index.js";

/** DingTalk refused a call; `code` is its error code (OpenAPI `code`, old API `errcode`) when it gave one. */
export class DingtalkApiError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`DingTalk ${operation} failed: HTTP ${status}${code ? ` ${code}` : ""}: ${detail}`);
    this.name = "DingtalkApiError";
  }
}

/**
 * DingTalk (or our own share of its limits) says "not now". A RetryLaterError, so a delivery job waits
 * `delayMs` and tries again without using up an attempt.
 */
export class DingtalkThrottledError extends RetryLaterError {
  constructor(operation: string, delayMs: number, why: string) {
    super(delayMs, `DingTalk ${operation} throttled (${why}); retry in ${Math.ceil(delayMs / 1000)} s`);
    this.name = "DingtalkThrottledError";
  }
}

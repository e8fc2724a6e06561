import { setTimeout as sleep } from "node:timers/promises";
import type { RateLimiter } from "../../../coordination/index.js";
import type { Logger } from "../../../logger.js";
import type { OpenApiMessage } from "../encode.js";
import type { DingtalkAccessTokens } from "./access-token.js";
import { DingtalkApiError, DingtalkThrottledError } from "./errors.js";
import { describeBody, errorCodeOf, postJson, type JsonResponse } from "./http.js";

/**
 * Our own ceiling on OpenAPI calls per app, shared by all instances. DingTalk's quota depends on the
 * organisation's edition; staying under 20 a second keeps a broadcast from tripping it for everyone.
 */
const APP_CALLS_PER_SECOND = 20;
/** How long one call may wait for a slot under our own ceiling before the caller is told to retry later. */
const MAX_LOCAL_WAIT_MS = 5_000;
/** Answers "HTTP 403, QPS limit" are retried this often, after 250 ms, 500 ms, 1 s (plus jitter). */
const THROTTLE_RETRIES = 3;
const THROTTLE_FIRST_DELAY_MS = 250;

export type OpenApiOptions = {
  apiBase: string;
  clientId: string;
  accessTokens: DingtalkAccessTokens;
  rateLimiter: RateLimiter;
  logger: Logger;
};

/** The robot endpoints of DingTalk's OpenAPI (api.dingtalk.com), with token handling and back-off. */
export class DingtalkOpenApi {
  constructor(private readonly options: OpenApiOptions) {}

  /** Posts into a group the robot belongs to (orgGroupSend). */
  async sendToGroup(robotCode: string, openConversationId: string, message: OpenApiMessage): Promise<void> {
    await this.call("group send", "/v1.0/robot/groupMessages/send", { robotCode, openConversationId, ...message });
  }

  /** Posts into the robot's direct chat with each of `userIds` (staff ids). */
  async sendToUsers(robotCode: string, userIds: string[], message: OpenApiMessage): Promise<void> {
    await this.call("direct send", "/v1.0/robot/oToMessages/batchSend", { robotCode, userIds, ...message });
  }

  private async call(operation: string, path: string, body: object): Promise<unknown> {
    let refreshedToken = false;
    for (let throttled = 0; ; ) {
      await this.waitForAppSlot(operation);
      const token = await this.options.accessTokens.get();
      const answer = await postJson(`${this.options.apiBase}${path}`, body, {
        headers: { "x-acs-dingtalk-access-token": token },
      });
      if (answer.status >= 200 && answer.status < 300) return answer.body;
      if (isExpiredToken(answer) && !refreshedToken) {
        // Tokens can be revoked before their announced expiry; fetch a new one once, then give up.
        refreshedToken = true;
        await this.options.accessTokens.invalidate(token);
        continue;
      }
      if (isQpsThrottle(answer)) {
        throttled += 1;
        const delayMs = THROTTLE_FIRST_DELAY_MS * 2 ** (throttled - 1) * (1 + Math.random() / 2);
        if (throttled > THROTTLE_RETRIES) throw new DingtalkThrottledError(operation, delayMs, `HTTP ${answer.status} ${errorCodeOf(answer.body) ?? ""}`.trim());
        this.options.logger.warn({ operation, status: answer.status, delayMs: Math.round(delayMs) }, "dingtalk: OpenAPI QPS limit hit; backing off");
        await sleep(delayMs);
        continue;
      }
      throw new DingtalkApiError(operation, answer.status, errorCodeOf(answer.body), describeBody(answer.body));
    }
  }

  private async waitForAppSlot(operation: string): Promise<void> {
    const giveUpAt = Date.now() + MAX_LOCAL_WAIT_MS;
    for (;;) {
      const decision = await this.options.rateLimiter.take(`dingtalk:openapi:${this.options.clientId}`, {
        count: APP_CALLS_PER_SECOND,
        windowMs: 1_000,
      });
      if (decision.allowed) return;
      if (Date.now() + decision.retryAfterMs > giveUpAt) {
        throw new DingtalkThrottledError(operation, decision.retryAfterMs, "our own per-app ceiling");
      }
      await sleep(decision.retryAfterMs);
    }
  }
}

/** DingTalk answers a revoked or expired token with 401, or with code InvalidAuthentication. */
function isExpiredToken(answer: JsonResponse): boolean {
  return answer.status === 401 || errorCodeOf(answer.body) === "InvalidAuthentication";
}

/**
 * QPS throttling comes back as HTTP 403 (codes like Forbidden.AccessDenied.QpsLimitForApi) or 429. A 403
 * that names a missing permission is not throttling: retrying cannot help until someone grants it.
 */
function isQpsThrottle(answer: JsonResponse): boolean {
  if (answer.status === 429) return true;
  if (answer.status !== 403) return false;
  const code = errorCodeOf(answer.body) ?? "";
  return !/PermissionDenied|NoPermission|Unauthorized/i.test(code);
}

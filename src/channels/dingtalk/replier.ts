import type { Logger } from "../../logger.js";
import type { Reply } from "../types.js";
import type { DingtalkOpenApi } from "./api/openapi.js";
import { postToSessionWebhook } from "./api/session-webhook.js";
import type { ReplyTarget } from "./decode.js";
import { toOpenApiMessage, toWebhookMessage } from "./encode.js";

/** A sessionWebhook this close to its expiry could die in flight; the OpenAPI is used instead. */
const SESSION_WEBHOOK_MARGIN_MS = 30_000;

export type ReplierOptions = {
  openApi: DingtalkOpenApi;
  /** Only sessionWebhook URLs on this origin are trusted; anything else goes through the OpenAPI. */
  oapiBase: string;
  defaultRobotCode: string;
  now: () => Date;
  logger: Logger;
};

/** Answers one message: through its sessionWebhook while that is valid, otherwise through the OpenAPI. */
export class DingtalkReplier {
  private readonly trustedOrigin: string;

  constructor(private readonly options: ReplierOptions) {
    this.trustedOrigin = new URL(options.oapiBase).origin;
  }

  async reply(target: ReplyTarget, replies: Reply[], messageId: string): Promise<void> {
    for (const reply of replies) {
      if (await this.viaSessionWebhook(target, reply, messageId)) continue;
      await this.viaOpenApi(target, reply, messageId);
    }
  }

  private async viaSessionWebhook(target: ReplyTarget, reply: Reply, messageId: string): Promise<boolean> {
    const webhook = target.sessionWebhook;
    if (!webhook) return false;
    if (webhook.expiresAtMs - SESSION_WEBHOOK_MARGIN_MS <= this.options.now().getTime()) {
      this.options.logger.info({ messageId, expiredAt: new Date(webhook.expiresAtMs).toISOString() }, "dingtalk: sessionWebhook expired; answering through the OpenAPI");
      return false;
    }
    if (!isOnOrigin(webhook.url, this.trustedOrigin)) {
      this.options.logger.warn({ messageId }, "dingtalk: sessionWebhook is not on DINGTALK_OAPI_BASE; answering through the OpenAPI");
      return false;
    }
    try {
      await postToSessionWebhook(webhook.url, toWebhookMessage(reply));
      return true;
    } catch (error) {
      this.options.logger.warn({ err: error, messageId }, "dingtalk: sessionWebhook refused the answer; answering through the OpenAPI");
      return false;
    }
  }

  private async viaOpenApi(target: ReplyTarget, reply: Reply, messageId: string): Promise<void> {
    const robotCode = target.robotCode ?? this.options.defaultRobotCode;
    const message = toOpenApiMessage(reply);
    if (target.chatType === "group") {
      await this.options.openApi.sendToGroup(robotCode, target.conversationId, message);
    } else if (target.senderStaffId) {
      await this.options.openApi.sendToUsers(robotCode, [target.senderStaffId], message);
    } else {
      // Someone outside the organisation has no staff id, and the OpenAPI can reach nobody without one.
      throw new Error(`no way left to answer message ${messageId}: sessionWebhook unusable and the sender has no staff id`);
    }
  }
}

function isOnOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

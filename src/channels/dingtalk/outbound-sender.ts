import { PermanentJobError } from "../../coordination/index.js";
import { UnreadableCredentialError } from "../group-delivery-settings.js";
import type { OutboundSender, Reply } from "../types.js";
import { DingtalkApiError } from "./api/errors.js";
import type { DingtalkOutbound } from "./outbound.js";

/**
 * The outbox's way into DingTalk, in the outbox's error terms: throttling already arrives as a
 * RetryLaterError; a refusal is permanent unless DingTalk itself failed (5xx), which is worth another try.
 */
export class DingtalkOutboundSender implements OutboundSender {
  constructor(private readonly outbound: DingtalkOutbound) {}

  async sendToGroup(group: { id: string; chatId: string; delivery: unknown }, message: Reply): Promise<void> {
    try {
      await this.outbound.sendToGroup(group.delivery, message);
    } catch (error) {
      if (error instanceof PermanentJobError && !(error instanceof UnreadableCredentialError)) {
        throw new PermanentJobError("这个群没有配置发送方式：请在群里 @机器人 一次，或由管理员为它设置自定义机器人", { cause: error });
      }
      throw asOutboxError(error);
    }
  }

  async sendToPerson(platformUserId: string, message: Reply): Promise<void> {
    try {
      await this.outbound.sendToUsers([platformUserId], message);
    } catch (error) {
      throw asOutboxError(error);
    }
  }
}

function asOutboxError(error: unknown): unknown {
  if (error instanceof DingtalkApiError && error.status < 500) return new PermanentJobError(error.message, { cause: error });
  return error;
}

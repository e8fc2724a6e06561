import type { WecomAppConfig } from "../../config.js";
import { PermanentJobError } from "../../coordination/index.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { OutboundSender, Reply } from "../types.js";
import { WecomApiError, WecomErrorCode } from "./api/wecom-api-error.js";
import { readGroupDelivery } from "./send/group-delivery.js";
import { appChatBodies, appMessageBodies, robotWebhookBodies } from "./send/outgoing-bodies.js";
import type { WecomSenders } from "./send/senders.js";

/**
 * The outbox's way into WeCom. It calls the senders directly instead of queuing WeCom jobs, so the
 * Delivery row stays the one record of whether a message went out. A message over WeCom's size limit goes
 * as several parts; a retry after a part failed sends the earlier parts again (notices fit in one part).
 */
export class WecomOutboundSender implements OutboundSender {
  constructor(
    private readonly senders: WecomSenders,
    /** Direct messages go from the first configured app; without one, teachers cannot be messaged. */
    private readonly apps: readonly WecomAppConfig[],
  ) {}

  async sendToGroup(group: { id: string; chatId: string; delivery: unknown }, message: Reply): Promise<void> {
    const delivery = readGroupDelivery(group.delivery as Prisma.JsonValue);
    if (delivery.dead) throw new PermanentJobError(robotGoneReason(delivery.dead.errcode));
    if (!delivery.robotKey && !delivery.appChat) {
      throw new PermanentJobError("这个群没有配置发送方式：请管理员为它设置群机器人 key（或应用群聊）");
    }
    const bodies = delivery.appChat ? appChatBodies(group.chatId, message) : robotWebhookBodies(message);
    for (const body of bodies) await explained(() => this.senders.toGroup(group.id, body));
  }

  async sendToPerson(platformUserId: string, message: Reply): Promise<void> {
    const app = this.apps[0];
    if (!app) throw new PermanentJobError("没有配置企业微信自建应用，无法私信老师");
    for (const body of appMessageBodies(app.agentId, platformUserId, message)) await this.senders.toUser(app.name, body);
  }
}

function robotGoneReason(errcode: number): string {
  return `群机器人已被移除或停用（errcode ${errcode}）：请管理员在群里重新添加机器人并更新 key`;
}

/** A removed or disabled robot is the failure admins meet most; say it in their words. */
async function explained(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    const cause = error instanceof PermanentJobError ? error.cause : undefined;
    if (
      cause instanceof WecomApiError &&
      (cause.errcode === WecomErrorCode.robotWebhookInvalid || cause.errcode === WecomErrorCode.robotDisabled)
    ) {
      throw new PermanentJobError(robotGoneReason(cause.errcode), { cause });
    }
    throw error;
  }
}

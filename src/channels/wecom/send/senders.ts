import { createHash } from "node:crypto";
import { PermanentJobError, RetryLaterError, type RateLimit, type RateLimiter } from "../../../coordination/index.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import type { Logger } from "../../../logger.js";
import type { SecretBox } from "../../../secret-box.js";
import { openCredential } from "../../group-delivery-settings.js";
import type { WecomAppClient } from "../api/app-client.js";
import { callWecom } from "../api/call.js";
import { WecomApiError, WecomErrorCode } from "../api/wecom-api-error.js";
import { markGroupDead, readGroupDelivery } from "./group-delivery.js";
import type { AppChatBody, AppMessageBody, RobotWebhookBody } from "./outgoing-bodies.js";

/**
 * 20 messages a minute per group robot, WeCom's documented limit. Our window is a second longer: we count a
 * message when it takes its slot and WeCom when it arrives, so an exact minute lets a message that left
 * quickly overtake one that left slowly and earn a 45009 — which then costs a whole minute's wait.
 */
const ROBOT_LIMIT: RateLimit = { count: 20, windowMs: 61_000 };
/** Per app: far below WeCom's 10 000 calls a minute per API and enterprise, leaving room for other apps. */
const APP_LIMIT: RateLimit = { count: 1_000, windowMs: 60_000 };
/** An app may send the same member at most 30 messages a minute. */
const APP_PER_MEMBER_LIMIT: RateLimit = { count: 30, windowMs: 60_000 };

export type SenderDependencies = {
  apiBase: string;
  throttledRetryMs: number;
  rateLimiter: RateLimiter;
  prisma: PrismaClient;
  logger: Logger;
  apps: ReadonlyMap<string, WecomAppClient>;
  now: () => Date;
  /** Opens the group robot key, which is stored sealed. */
  secrets: SecretBox;
};

/**
 * Sends one message each, through the limits shared by every instance. Failures come out in the job
 * queue's terms: RetryLaterError when WeCom or our own limiter says "not now" (no attempt used up),
 * PermanentJobError when retrying cannot help (a removed robot, a refused message), and any other error
 * for the queue's backoff (WeCom busy, network down).
 */
export class WecomSenders {
  constructor(private readonly deps: SenderDependencies) {}

  /** To a group through its robot or, for a group an app created, appchat/send. */
  async toGroup(groupId: string, body: RobotWebhookBody | AppChatBody): Promise<void> {
    const group = await this.deps.prisma.chatGroup.findUnique({ where: { id: groupId } });
    if (!group) throw new PermanentJobError(`WeCom group ${groupId} no longer exists`);
    const delivery = readGroupDelivery(group.delivery);
    if (delivery.dead) throw new PermanentJobError(`WeCom group ${groupId} is marked dead (errcode ${delivery.dead.errcode})`);
    if ("chatid" in body) {
      await this.toAppChat(delivery.appChat?.app ?? "", body);
      return;
    }
    if (!delivery.robotKey) throw new PermanentJobError(`WeCom group ${groupId} has no robot key`);
    const robotKey = openCredential(delivery.robotKey, this.deps.secrets);
    // The key is the robot's only credential: it never goes into Redis keys or logs, a digest does.
    const robotId = createHash("sha256").update(robotKey).digest("hex").slice(0, 16);
    await this.take(`wecom:robot:${robotId}`, ROBOT_LIMIT);
    await this.classify(
      () => callWecom("/cgi-bin/webhook/send", `${this.deps.apiBase}/cgi-bin/webhook/send?key=${encodeURIComponent(robotKey)}`, { method: "POST", json: body }),
      { groupId, schoolId: group.schoolId },
    );
  }

  /** A direct message from an app to one member. */
  async toUser(appName: string, body: AppMessageBody): Promise<void> {
    const client = this.appClient(appName);
    await this.take(`wecom:app:${client.tokenKey}`, APP_LIMIT);
    await this.take(`wecom:app:${client.tokenKey}:member:${body.touser}`, APP_PER_MEMBER_LIMIT);
    await this.classify(() => client.post("/cgi-bin/message/send", body));
  }

  /** The late answer to an AI bot message, through the URL that message came with. */
  async toResponseUrl(url: string, body: unknown): Promise<void> {
    await this.classify(() => callWecom("/cgi-bin/aibot/response", url, { method: "POST", json: body }));
  }

  private async toAppChat(appName: string, body: AppChatBody): Promise<void> {
    const client = this.appClient(appName);
    await this.take(`wecom:app:${client.tokenKey}`, APP_LIMIT);
    await this.classify(() => client.post("/cgi-bin/appchat/send", body));
  }

  private appClient(name: string): WecomAppClient {
    const client = this.deps.apps.get(name);
    if (!client) throw new PermanentJobError(`no WeCom app named "${name}" is configured`);
    return client;
  }

  private async take(key: string, limit: RateLimit): Promise<void> {
    const decision = await this.deps.rateLimiter.take(key, limit);
    if (!decision.allowed) throw new RetryLaterError(decision.retryAfterMs, `rate limit ${key}: retry in ${decision.retryAfterMs} ms`);
  }

  private async classify(send: () => Promise<unknown>, group?: { groupId: string; schoolId: string | null }): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (!(error instanceof WecomApiError)) throw error;
      switch (error.errcode) {
        case WecomErrorCode.frequencyLimited:
          this.deps.logger.warn({ channel: "wecom", api: error.api, errcode: error.errcode }, "wecom frequency limit hit; backing off");
          throw new RetryLaterError(this.deps.throttledRetryMs);
        case WecomErrorCode.systemBusy:
        case WecomErrorCode.concurrencyLimited:
          throw error;
        case WecomErrorCode.robotWebhookInvalid:
        case WecomErrorCode.robotDisabled:
          if (group) await this.markDead(group, error);
          throw new PermanentJobError(error.message, { cause: error });
        default:
          this.deps.logger.error({ channel: "wecom", api: error.api, errcode: error.errcode, errmsg: error.errmsg }, "wecom refused a message");
          throw new PermanentJobError(error.message, { cause: error });
      }
    }
  }

  private async markDead(group: { groupId: string; schoolId: string | null }, error: WecomApiError): Promise<void> {
    await markGroupDead(this.deps.prisma, group.groupId, { errcode: error.errcode, reason: error.errmsg, at: this.deps.now() });
    // Admins watch error-level lines; this one tells them which group needs a new robot.
    this.deps.logger.error(
      { channel: "wecom", groupId: group.groupId, schoolId: group.schoolId, errcode: error.errcode, admin: true },
      "wecom group robot was removed or disabled; the group gets nothing until an admin sets a new robot key",
    );
  }
}

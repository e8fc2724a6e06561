import { createHash } from "node:crypto";
import type { DedupStore, RateLimiter } from "../../../coordination/index.js";
import type { WebhookMessage } from "../encode.js";
import { dingtalkSign } from "../sign.js";
import { DingtalkApiError, DingtalkThrottledError } from "./errors.js";
import { describeBody, errorCodeOf, postJson } from "./http.js";

/** DingTalk's documented ceiling for one custom robot. */
const MESSAGES_PER_MINUTE = 20;
/** Exceeding it (errcode 130101) blocks the robot for ten minutes. */
const BLOCK_MS = 10 * 60 * 1000;
/** While blocked, a caller is told to come back after this long rather than after the whole block. */
const BLOCKED_RETRY_MS = 60 * 1000;
const SEND_TOO_FAST = "130101";

/** A group's own custom robot (自定义机器人): its webhook access_token, and its 加签 secret when it has one. */
export type CustomRobot = { accessToken: string; secret?: string | undefined };

export type CustomRobotOptions = {
  oapiBase: string;
  rateLimiter: RateLimiter;
  dedup: DedupStore;
  now: () => Date;
};

/**
 * Sends through a custom robot webhook, for groups that have one and not the app's robot. The per-robot
 * limit and any block DingTalk imposed are shared by all instances, so none of them keeps knocking on a
 * robot that is blocked (every refused call might extend the block).
 */
export class CustomRobotSender {
  constructor(private readonly options: CustomRobotOptions) {}

  async send(robot: CustomRobot, message: WebhookMessage): Promise<void> {
    const robotKey = createHash("sha256").update(robot.accessToken).digest("hex").slice(0, 24);
    if (await this.isBlocked(robotKey)) {
      throw new DingtalkThrottledError("custom robot", BLOCKED_RETRY_MS, `${SEND_TOO_FAST}: robot blocked for ten minutes`);
    }
    const slot = await this.options.rateLimiter.take(`dingtalk:custom-robot:${robotKey}`, {
      count: MESSAGES_PER_MINUTE,
      windowMs: 60_000,
    });
    if (!slot.allowed) throw new DingtalkThrottledError("custom robot", slot.retryAfterMs, `${MESSAGES_PER_MINUTE} messages a minute`);

    const answer = await postJson(this.webhookUrl(robot), message);
    const code = errorCodeOf(answer.body);
    if (answer.status === 200 && (code === undefined || code === "0")) return;
    if (code === SEND_TOO_FAST) {
      await this.block(robotKey);
      throw new DingtalkThrottledError("custom robot", BLOCK_MS, `${SEND_TOO_FAST}: send too fast`);
    }
    // 310000: wrong sign, a required keyword missing, or our IP not on the robot's list.
    throw new DingtalkApiError("custom robot", answer.status, code, describeBody(answer.body));
  }

  private webhookUrl(robot: CustomRobot): string {
    const url = new URL(`${this.options.oapiBase}/robot/send`);
    url.searchParams.set("access_token", robot.accessToken);
    if (robot.secret) {
      const timestamp = String(this.options.now().getTime());
      url.searchParams.set("timestamp", timestamp);
      url.searchParams.set("sign", dingtalkSign(timestamp, robot.secret));
    }
    return url.toString();
  }

  // The block is a dedup claim held for its duration: set once by whoever saw 130101, expiring by itself.
  private async block(robotKey: string): Promise<void> {
    await this.options.dedup.release(blockKey(robotKey));
    await this.options.dedup.claim(blockKey(robotKey), BLOCK_MS / 1000);
  }

  private async isBlocked(robotKey: string): Promise<boolean> {
    const free = await this.options.dedup.claim(blockKey(robotKey), 1);
    if (free) await this.options.dedup.release(blockKey(robotKey));
    return !free;
  }
}

function blockKey(robotKey: string): string {
  return `dingtalk:custom-robot-blocked:${robotKey}`;
}

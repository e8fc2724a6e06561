import { PermanentJobError } from "../../coordination/index.js";
import type { SecretBox } from "../../secret-box.js";
import { openCredential } from "../group-delivery-settings.js";
import type { Reply } from "../types.js";
import type { CustomRobotSender } from "./api/custom-robot.js";
import type { DingtalkOpenApi } from "./api/openapi.js";
import { toOpenApiMessage, toWebhookMessage } from "./encode.js";
import { dingtalkGroupDeliverySchema } from "./group-delivery.js";

/**
 * Messages the service starts itself (notices, reminders), as opposed to answers. Throws
 * DingtalkThrottledError (a RetryLaterError) when DingTalk says "not now", DingtalkApiError when it
 * refuses, and PermanentJobError when a group offers no way in.
 */
export class DingtalkOutbound {
  constructor(
    private readonly deps: { openApi: DingtalkOpenApi; customRobots: CustomRobotSender; defaultRobotCode: string; secrets: SecretBox },
  ) {}

  /** To a group, given its ChatGroup.delivery: the app robot when it is there, else the group's custom robot. */
  async sendToGroup(delivery: unknown, reply: Reply): Promise<void> {
    const parsed = dingtalkGroupDeliverySchema.safeParse(delivery);
    const target = parsed.success ? parsed.data : {};
    if (target.openConversationId) {
      await this.deps.openApi.sendToGroup(target.robotCode ?? this.deps.defaultRobotCode, target.openConversationId, toOpenApiMessage(reply));
    } else if (target.customRobot) {
      const { accessToken, secret } = target.customRobot;
      const robot = { accessToken: openCredential(accessToken, this.deps.secrets), secret: secret === undefined ? undefined : openCredential(secret, this.deps.secrets) };
      await this.deps.customRobots.send(robot, toWebhookMessage(reply));
    } else {
      // Retrying cannot help until the robot is @-mentioned there or an administrator adds a custom robot.
      throw new PermanentJobError("this DingTalk group has neither a conversation id nor a custom robot to send through");
    }
  }

  /** To teachers' direct chats with the robot, by staff id. */
  async sendToUsers(staffIds: string[], reply: Reply): Promise<void> {
    await this.deps.openApi.sendToUsers(this.deps.defaultRobotCode, staffIds, toOpenApiMessage(reply));
  }
}

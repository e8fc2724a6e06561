import { z } from "zod";
import { PermanentJobError } from "../coordination/index.js";
import type { SecretBox } from "../secret-box.js";

/**
 * How to reach a group, as the channels read it (ChatGroup.delivery): a WeCom group robot's key or an
 * app-created group; a DingTalk custom robot, or the conversation the app robot was @-mentioned in.
 * `"dead": null` clears the flag a channel sets when the platform said the robot is gone.
 */
export const groupDeliverySettings = z.strictObject({
  robotKey: z.string().min(8).max(200).optional(),
  appChat: z.strictObject({ app: z.string().max(50) }).optional(),
  customRobot: z.strictObject({ accessToken: z.string().min(8).max(200), secret: z.string().min(8).max(200).optional() }).optional(),
  openConversationId: z.string().min(1).max(200).optional(),
  dead: z.null().optional(),
});

export type GroupDeliverySettings = z.infer<typeof groupDeliverySettings>;

/** Settings that are credentials: written by administrators, stored sealed, never read back. */
export const SECRET_DELIVERY_SETTINGS: ReadonlySet<string> = new Set(["robotKey", "customRobot"]);

/**
 * Thrown where a message is about to be sent and a stored credential cannot be opened: it was sealed under
 * a key SECRETS_KEY no longer holds. Retrying cannot help until the key is back or an admin sets it anew.
 */
export class UnreadableCredentialError extends PermanentJobError {
  constructor(cause: unknown) {
    super("群的发送凭据无法解密：加密它的密钥已不在 SECRETS_KEY 中。请把旧密钥加回 SECRETS_KEY（放在新密钥之后），或由管理员重新设置这个群的机器人 key / 自定义机器人", { cause });
    this.name = "UnreadableCredentialError";
  }
}

/**
 * Seals every credential in a group's delivery settings that is not sealed yet, leaving the rest as it is.
 * Applied on every write, so values stored in clear before sealing existed are sealed the next time the
 * group is written. With `reseal`, values sealed under an older key of the ring are sealed again under the
 * newest (after a rotation); one that no key opens is left as it is.
 */
export function sealDeliveryCredentials(delivery: Record<string, unknown>, secrets: SecretBox, options: { reseal?: boolean } = {}): Record<string, unknown> {
  const seal = (value: unknown) => {
    if (typeof value !== "string") return value;
    if (!secrets.isSealed(value)) return secrets.seal(value);
    if (!options.reseal || secrets.sealedUnderNewest(value)) return value;
    try {
      return secrets.seal(secrets.open(value));
    } catch {
      return value;
    }
  };
  const sealed = { ...delivery };
  if ("robotKey" in sealed) sealed.robotKey = seal(sealed.robotKey);
  if (typeof sealed.customRobot === "object" && sealed.customRobot !== null) {
    const robot = sealed.customRobot as Record<string, unknown>;
    sealed.customRobot = { ...robot, accessToken: seal(robot.accessToken), ...("secret" in robot ? { secret: seal(robot.secret) } : {}) };
  }
  return sealed;
}

/**
 * A stored credential in clear, for the one call that sends with it. A value stored before sealing existed
 * is used as it is; one sealed under a key that left the ring is an UnreadableCredentialError.
 */
export function openCredential(stored: string, secrets: SecretBox): string {
  if (!secrets.isSealed(stored)) return stored;
  try {
    return secrets.open(stored);
  } catch (error) {
    throw new UnreadableCredentialError(error);
  }
}

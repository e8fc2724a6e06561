import { z } from "zod";

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

/** Settings that are credentials: written by administrators, never read back. */
export const SECRET_DELIVERY_SETTINGS: ReadonlySet<string> = new Set(["robotKey", "customRobot"]);

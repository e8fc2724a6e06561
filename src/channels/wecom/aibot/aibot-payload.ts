import { z } from "zod";

/**
 * The decrypted JSON of an AI bot (智能机器人) callback. Only what the channel uses is required; WeCom adds
 * fields over time, so unknown ones pass through untouched.
 */

const sender = z.object({ userid: z.string().min(1).max(128) });

const common = {
  msgid: z.string().min(1).max(256),
  aibotid: z.string().min(1).max(256),
  /** Present only in group chats. */
  chatid: z.string().min(1).max(256).optional(),
  chattype: z.enum(["single", "group"]),
  from: sender,
  /** Where a late answer goes: valid for an hour, usable once. */
  response_url: z.string().url().optional(),
  create_time: z.number().int().optional(),
};

const text = z.object({ ...common, msgtype: z.literal("text"), text: z.object({ content: z.string().max(20_000) }) });

const mixed = z.object({
  ...common,
  msgtype: z.literal("mixed"),
  mixed: z.object({
    msg_item: z
      .array(z.object({ msgtype: z.string(), text: z.object({ content: z.string().max(20_000) }).optional() }))
      .max(100),
  }),
});

/** A voice message arrives already transcribed. */
const voice = z.object({ ...common, msgtype: z.literal("voice"), voice: z.object({ content: z.string().max(20_000) }) });

/** WeCom polling an unfinished stream reply, about once a second, until it is finished. */
const streamRefresh = z.object({ msgtype: z.literal("stream"), stream: z.object({ id: z.string().min(1).max(256) }) });

/** Messages the bot has nothing to say to (pictures, files, chat events): acknowledged and dropped. */
const ignored = z.object({ msgtype: z.enum(["image", "file", "video", "event"]) });

export const aiBotPayloadSchema = z.discriminatedUnion("msgtype", [text, mixed, voice, streamRefresh, ignored]);

export type AiBotPayload = z.infer<typeof aiBotPayloadSchema>;
export type AiBotUserMessage = Extract<AiBotPayload, { msgtype: "text" | "mixed" | "voice" }>;

/** Whether `msgtype` is one this schema knows, so that a new one can be told from a malformed known one. */
export function isKnownAiBotMessageType(msgtype: string): boolean {
  return aiBotPayloadSchema.options.some((option) => option.shape.msgtype.safeParse(msgtype).success);
}

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";

/**
 * The XML a self-built app's callback carries: an outer envelope with the ciphertext, and inside it the
 * message. Every value is kept as text: MsgId is a 64-bit number that a JavaScript number would round.
 */

const parser = new XMLParser({ parseTagValue: false, parseAttributeValue: false, ignoreAttributes: true, trimValues: true });

/**
 * The XML's content, or undefined when it is not well-formed. WeCom never sends a DOCTYPE; refusing one
 * keeps entity definitions (and their expansion) out of reach.
 */
export function parseXml(text: string): unknown {
  if (/<!DOCTYPE/i.test(text) || XMLValidator.validate(text) !== true) return undefined;
  try {
    return parser.parse(text);
  } catch {
    return undefined;
  }
}

export const appEnvelopeSchema = z.object({ xml: z.object({ Encrypt: z.string().min(1).max(60_000) }) });

const digits = z.string().regex(/^\d{1,20}$/);
const common = {
  ToUserName: z.string().min(1),
  FromUserName: z.string().min(1).max(128),
  CreateTime: digits,
  AgentID: digits.optional(),
};

const text = z.object({ ...common, MsgType: z.literal("text"), Content: z.string().max(20_000), MsgId: digits });

/** Pictures, voice, locations, links and events (entering the app, menu clicks): nothing to answer. */
const ignored = z.object({ ...common, MsgType: z.enum(["image", "voice", "video", "location", "link", "file", "event"]) });

export const appMessageSchema = z.object({ xml: z.discriminatedUnion("MsgType", [text, ignored]) });

export type AppMessage = z.infer<typeof appMessageSchema>["xml"];
export type AppTextMessage = Extract<AppMessage, { MsgType: "text" }>;

/** Whether `msgType` is one this schema knows, so that a new one can be told from a malformed known one. */
export function isKnownAppMessageType(msgType: string): boolean {
  return appMessageSchema.shape.xml.options.some((option) => option.shape.MsgType.safeParse(msgType).success);
}

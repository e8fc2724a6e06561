import { z } from "zod";
import type { ChatMessage } from "../types.js";

/**
 * A robot message as DingTalk delivers it, in Stream mode (the CALLBACK frame's `data`) and in HTTP mode
 * (the request body) alike. Only the fields we use are listed; unknown ones are dropped.
 */
const robotMessageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string().min(1),
  conversationId: z.string().min(1),
  conversationType: z.enum(["1", "2"], { message: 'must be "1" (direct) or "2" (group)' }),
  conversationTitle: z.string().optional(),
  senderId: z.string().min(1),
  senderStaffId: z.string().min(1).optional(),
  senderNick: z.string().optional(),
  chatbotUserId: z.string().optional(),
  robotCode: z.string().min(1).optional(),
  isInAtList: z.boolean().optional(),
  atUsers: z.array(z.object({ dingtalkId: z.string(), staffId: z.string().optional() })).optional(),
  sessionWebhook: z.string().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  createAt: z.number().optional(),
  text: z.object({ content: z.string() }).optional(),
  content: z.unknown().optional(),
});

type RobotMessage = z.infer<typeof robotMessageSchema>;

/** Where and how to answer one message; platform details the bot never sees. */
export type ReplyTarget = {
  chatType: ChatMessage["chatType"];
  /** For a group, its openConversationId: what groupMessages/send needs. */
  conversationId: string;
  conversationTitle: string | undefined;
  /** The sender's org user id: what oToMessages/batchSend and `at.atUserIds` need. Absent for outsiders. */
  senderStaffId: string | undefined;
  robotCode: string | undefined;
  sessionWebhook: { url: string; expiresAtMs: number } | undefined;
};

export type DecodedRobotMessage = {
  message: ChatMessage;
  replyTarget: ReplyTarget;
  /** Set when the message type carries no text we can read (a picture, a file…); the bot then gets "". */
  unreadableType: string | undefined;
};

export type DecodeResult = { ok: true; value: DecodedRobotMessage } | { ok: false; problem: string };

export function decodeRobotMessage(payload: unknown, now: Date): DecodeResult {
  const parsed = robotMessageSchema.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: first ? `${first.path.join(".") || "(message)"}: ${first.message}` : "invalid" };
  }
  const robot = parsed.data;
  const chatType = robot.conversationType === "2" ? "group" : "direct";
  const text = readableText(robot);
  const others = (robot.atUsers ?? []).filter((user) => user.dingtalkId !== robot.chatbotUserId);
  const message: ChatMessage = {
    platform: "dingtalk",
    chatType,
    chatId: robot.conversationId,
    // The staff id is stable within the organisation and is what every send API takes; outsiders have none.
    senderId: robot.senderStaffId ?? robot.senderId,
    ...(robot.senderNick ? { senderName: robot.senderNick } : {}),
    // DingTalk removes the @name but leaves the space that followed it (" 我还差多少学分").
    text: (text ?? "").trim(),
    // Groups deliver only messages that @ the robot; the structured flag says so, the text is never parsed.
    mentionedBot: chatType === "direct" || robot.isInAtList === true || others.length < (robot.atUsers ?? []).length,
    mentions: others.map((user) => user.staffId ?? user.dingtalkId),
    messageId: robot.msgId,
    sentAt: robot.createAt !== undefined ? new Date(robot.createAt) : now,
    // senderStaffId is the sender's userId in the organisation and is absent for people outside it
    // (external contacts, members of other organisations): such a group never hears school traffic.
    ...(chatType === "group" && robot.senderStaffId === undefined ? { external: true } : {}),
  };
  return {
    ok: true,
    value: {
      message,
      replyTarget: {
        chatType,
        conversationId: robot.conversationId,
        conversationTitle: robot.conversationTitle,
        senderStaffId: robot.senderStaffId,
        robotCode: robot.robotCode,
        sessionWebhook:
          robot.sessionWebhook && robot.sessionWebhookExpiredTime !== undefined
            ? { url: robot.sessionWebhook, expiresAtMs: robot.sessionWebhookExpiredTime }
            : undefined,
      },
      unreadableType: text === undefined ? robot.msgtype : undefined,
    },
  };
}

const richTextSchema = z.object({ richText: z.array(z.object({ text: z.string().optional() }).loose()) });
const audioSchema = z.object({ recognition: z.string() });

/** The text a teacher typed or said, or undefined for types that carry none. */
function readableText(robot: RobotMessage): string | undefined {
  switch (robot.msgtype) {
    case "text":
      return robot.text?.content;
    case "richText": {
      const rich = richTextSchema.safeParse(robot.content);
      return rich.success ? rich.data.richText.map((part) => part.text ?? "").join("") : undefined;
    }
    case "audio": {
      // DingTalk transcribes voice messages itself; the transcript is as good as typed text.
      const audio = audioSchema.safeParse(robot.content);
      return audio.success ? audio.data.recognition : undefined;
    }
    default:
      return undefined;
  }
}

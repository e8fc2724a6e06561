import type { Reply } from "../../channels/types.js";
import { bindChatAccount } from "../../domain/binding.js";
import type { Intent } from "../intents/index.js";
import type { Conversation } from "../context.js";

/** 绑定 工号 T0001 验证码 123456: links this chat account to the person whose one-time code it is. */
export async function bindHandler(conversation: Conversation, intent: Extract<Intent, { kind: "bind" }>): Promise<Reply[]> {
  const { message, deps } = conversation;
  const group = await deps.prisma.chatGroup.findUnique({
    where: { platform_chatId: { platform: message.platform, chatId: message.chatId } },
  });
  const outcome = await bindChatAccount(
    { prisma: deps.prisma, secrets: deps.secrets, rateLimiter: deps.coordination.rateLimiter, logger: deps.logger },
    {
      platform: message.platform,
      platformUserId: message.senderId,
      employeeNumber: intent.employeeNumber,
      ...(intent.code ? { code: intent.code } : {}),
      ...(group ? { regionId: group.regionId } : {}),
      inGroup: message.chatType === "group",
      now: deps.now(),
    },
  );
  // Every member saw the code: the reply says so, whatever became of it, and asks for a private chat next time.
  const codeShownInGroup = message.chatType === "group" && intent.code !== undefined;
  switch (outcome.kind) {
    case "bound":
      return [conversation.say("bind-done", { codeShownInGroup, name: outcome.teacher.name, employeeNumber: outcome.teacher.employeeNumber })];
    case "already_bound":
      return [conversation.say("bind-already", { codeShownInGroup, name: outcome.teacher.name, employeeNumber: outcome.teacher.employeeNumber })];
    case "sender_bound_elsewhere":
      return [conversation.say("bind-sender-elsewhere", { codeShownInGroup, name: outcome.teacher.name, employeeNumber: outcome.teacher.employeeNumber })];
    case "employee_number_missing":
      return [conversation.say("bind-how")];
    case "employee_number_invalid":
      return [conversation.say("bind-invalid", { message: outcome.message })];
    case "code_needed":
      return [conversation.say("bind-need-code")];
    case "failed":
      return [conversation.say("bind-failed", { codeShownInGroup })];
    case "too_many_attempts":
      return [conversation.say("bind-too-many", { codeShownInGroup, minutes: Math.max(1, Math.ceil(outcome.retryAfterMs / 60_000)) })];
  }
}

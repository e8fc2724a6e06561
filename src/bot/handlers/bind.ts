import type { Reply } from "../../channels/types.js";
import { bindChatAccount } from "../../domain/binding.js";
import type { Intent } from "../intents/index.js";
import type { Conversation } from "../context.js";

/** 绑定 工号 T0001 [验证码 123456]: links this chat account to the teacher with that 工号. */
export async function bindHandler(conversation: Conversation, intent: Extract<Intent, { kind: "bind" }>): Promise<Reply[]> {
  const { message, deps } = conversation;
  const group = await deps.prisma.chatGroup.findUnique({
    where: { platform_chatId: { platform: message.platform, chatId: message.chatId } },
  });
  const { teacher, alreadyBound } = await bindChatAccount(deps.prisma, {
    platform: message.platform,
    platformUserId: message.senderId,
    employeeNumber: intent.employeeNumber,
    ...(intent.code ? { code: intent.code } : {}),
    ...(group ? { regionId: group.regionId } : {}),
    now: deps.now(),
  });
  return [conversation.say(alreadyBound ? "bind-already" : "bind-done", { name: teacher.name, employeeNumber: teacher.employeeNumber })];
}

import type { ChatMessage, Reply } from "../channels/types.js";
import { actorOf } from "../domain/actors.js";
import { todayIn } from "../domain/calendar.js";
import { DomainError } from "../domain/errors.js";
import type { BotDependencies, Conversation, TeacherConversation } from "./context.js";
import { handlerFor } from "./handlers/index.js";
import { bindHandler } from "./handlers/bind.js";
import { helpHandler } from "./handlers/help.js";
import { parseIntent } from "./intents/index.js";
import { noteExternalGroup, rememberGroup } from "./remember-group.js";

export type Bot = { handle(message: ChatMessage): Promise<Reply[]> };

/**
 * From a normalised message to replies: stay quiet in groups unless @-mentioned, find who is speaking,
 * understand what they want, let the handler answer through templates. Refusals become polite replies;
 * anything unexpected is logged and answered with an apology, never a stack trace.
 */
export function createBot(deps: BotDependencies): Bot {
  return {
    async handle(message) {
      if (message.chatType === "group" && !message.mentionedBot) return [];
      const conversation: Conversation = {
        message,
        deps,
        say: (template, data = {}, mentions = []) => ({ format: "text", text: deps.templates.render(template, data), mentions }),
      };
      try {
        return await answer(conversation);
      } catch (error) {
        if (error instanceof DomainError) return [conversation.say("refusal", { message: error.message })];
        deps.logger.error({ err: error, messageId: message.messageId }, "bot handler failed");
        return [conversation.say("internal-error")];
      }
    },
  };
}

async function answer(conversation: Conversation): Promise<Reply[]> {
  const { message, deps } = conversation;
  const intent = parseIntent(message.text);
  // Outsiders are never bound, so this comes before finding out who is speaking.
  await noteExternalGroup(message, deps);
  const identity = await deps.prisma.chatIdentity.findUnique({
    where: { platform_platformUserId: { platform: message.platform, platformUserId: message.senderId } },
    include: { teacher: { include: { region: true } } },
  });
  if (intent.kind === "bind") return bindHandler(conversation, intent);
  if (!identity || !identity.teacher.active) {
    return intent.kind === "help" ? helpHandler(conversation, undefined) : [conversation.say("unbound")];
  }
  const { region, ...teacher } = identity.teacher;
  const bound: TeacherConversation = {
    ...conversation,
    teacher,
    actor: actorOf(teacher),
    region,
    today: todayIn(region.timezone, deps.now()),
  };
  if (message.chatType === "group") await rememberGroup(bound);
  return handlerFor(intent)(bound);
}

import type { ChatMessage, Reply } from "../channels/types.js";
import { actorOf } from "../domain/actors.js";
import { todayIn } from "../domain/calendar.js";
import { DomainError } from "../domain/errors.js";
import type { BotDependencies, Conversation, TeacherConversation } from "./context.js";
import { mayUse } from "./commands/command.js";
import { commandFor, parseIntent } from "./commands/index.js";
import { fallbackHandler, notYourCommandHandler } from "./handlers/fallback.js";
import { personal } from "./handlers/personal.js";
import { dropPages } from "./paging.js";
import { withAcknowledgementAsConfirm } from "./pending-action.js";
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
  // 好的 while a preview waits is its 确认.
  const intent = await withAcknowledgementAsConfirm(conversation, parseIntent(message.text));
  // Outsiders are never bound, so this comes before finding out who is speaking.
  await noteExternalGroup(message, deps);
  const definition = commandFor(intent.kind);
  const identity = await deps.prisma.chatIdentity.findUnique({
    where: { platform_platformUserId: { platform: message.platform, platformUserId: message.senderId } },
    include: { teacher: { include: { region: true } } },
  });
  if (intent.kind !== "more") await dropPages(conversation);
  if (!identity || !identity.teacher.active) {
    if (definition?.handleUnbound) return definition.handleUnbound(conversation, intent);
    // Whatever else a stranger says, what helps is how to get known: the bind how-to, not a list of commands.
    return [conversation.say("unbound")];
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
  if (intent.kind === "unknown" || definition === undefined) return fallbackHandler(bound, intent.kind === "unknown" ? intent : { kind: "unknown", suggestions: [] });
  if (!mayUse(bound.actor.roles, definition)) return notYourCommandHandler(bound, definition);
  const handle = (c: TeacherConversation) => definition.handle(c, intent);
  return definition.privateTopic === undefined ? handle(bound) : personal(definition.privateTopic, handle)(bound);
}

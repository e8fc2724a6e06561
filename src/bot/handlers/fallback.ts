import type { Reply } from "../../channels/types.js";
import { ROLE_NAMES } from "../../domain/actors.js";
import type { Role } from "../../generated/prisma/client.js";
import type { Command } from "../commands/command.js";
import { commandsFor, MOST_NEEDED_FIRST } from "../commands/index.js";
import type { TeacherConversation } from "../context.js";
import type { Intent, IntentKind } from "../intents/index.js";
import { peekSession, saveSession } from "../sessions.js";

const SUGGESTION_COUNT = 3;
/** "The conversation" for the apology emoji: a chat that falls silent this long starts a new one. */
const CONVERSATION_MS = 6 * 60 * 60_000;

/**
 * The first example of each suggested command the sender may use, most likely first. Binding is not
 * offered: the sender is bound already, and a second 绑定 only ever answers "already bound".
 */
export function examplesFor(roles: readonly Role[], ranked: readonly IntentKind[], count = SUGGESTION_COUNT): string[] {
  const usable = new Map(commandsFor(roles).map((definition) => [definition.kind, definition.examples[0]]));
  usable.delete("bind");
  return ranked.flatMap((kind) => usable.get(kind) ?? []).slice(0, count);
}

/**
 * A message nothing recognised: one short question when two readings are about equally likely ("你是想问 A
 * 还是 B？"), else the likeliest commands the sender may use (never one their role cannot), with the apology
 * emoji only the first time in a conversation.
 */
export async function fallbackHandler(conversation: TeacherConversation, intent: Extract<Intent, { kind: "unknown" }>): Promise<Reply[]> {
  const { deps, message } = conversation;
  const roles = conversation.actor.roles;
  const [first, second] = intent.choices === undefined ? [] : examplesFor(roles, intent.choices);
  // Both likely readings must be the sender's to use; otherwise the list below is the honest answer.
  if (first !== undefined && second !== undefined) return [conversation.say("unknown-choice", { first, second })];
  const now = deps.now();
  const emoji = (await peekSession(deps.prisma, message, "fallback_shown", now)) === undefined;
  if (emoji) await saveSession(deps.prisma, message, "fallback_shown", {}, new Date(now.getTime() + CONVERSATION_MS));
  return [conversation.say("unknown", { examples: examplesFor(roles, intent.suggestions), emoji })];
}

/** A command the sender's roles do not allow: says which roles it needs and what they can do instead. */
export async function notYourCommandHandler(
  conversation: TeacherConversation,
  definition: Pick<Command<IntentKind>, "kind" | "users">,
): Promise<Reply[]> {
  const roles = conversation.actor.roles;
  const needed = definition.users === "everyone" ? [] : definition.users;
  return [
    conversation.say("not-your-command", {
      teacherOnly: needed.length === 1 && needed[0] === "teacher",
      needed: needed.map((role) => ROLE_NAMES[role]).join("或"),
      examples: examplesFor(roles, MOST_NEEDED_FIRST),
    }),
  ];
}

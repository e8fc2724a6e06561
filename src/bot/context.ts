import type { ChatMessage, Platform, Reply } from "../channels/types.js";
import type { Coordination } from "../coordination/index.js";
import type { Actor } from "../domain/actors.js";
import type { DateOnly } from "../domain/calendar.js";
import type { PrismaClient, Region, Teacher } from "../generated/prisma/client.js";
import type { Logger } from "../logger.js";
import type { SecretBox } from "../secret-box.js";
import type { Templates } from "./templates.js";

export type BotDependencies = {
  prisma: PrismaClient;
  templates: Templates;
  /** The current instant; tests pass a fixed one. */
  now: () => Date;
  logger: Logger;
  /** Platforms this install can message a person on (see reachablePlatforms); default: all that have direct messages. */
  directMessagePlatforms?: readonly Platform[];
  /** Keyed hashes of bind codes, sealed group credentials. */
  secrets: SecretBox;
  /** Wakes the outbox worker after a notice was queued; without it the reconciler sends it within its tick. */
  kickOutbox?: () => Promise<void>;
  /** Rate limits (binding attempts) and the reminder schedules 发送情况 shows. */
  coordination: Coordination;
};

/** One incoming message being answered, before we know who sent it. */
export type Conversation = {
  message: ChatMessage;
  deps: BotDependencies;
  /** Renders a template into a reply; `mentions` are platform user ids to @. */
  say(template: string, data?: object, mentions?: string[]): Reply;
  /**
   * Set when the replies leave as direct messages through the outbox (a personal answer asked in a
   * group): there 「更多」 would find no pages, so a long list comes whole, one reply per page.
   */
  pagesAtOnce?: boolean;
};

/** A message from a sender bound to a teacher of the roster. */
export type TeacherConversation = Conversation & {
  teacher: Teacher;
  actor: Actor;
  region: Region;
  /** Today in the teacher's region. */
  today: DateOnly;
};

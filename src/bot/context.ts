import type { ChatMessage, Reply } from "../channels/types.js";
import type { Coordination } from "../coordination/index.js";
import type { Actor } from "../domain/actors.js";
import type { DateOnly } from "../domain/calendar.js";
import type { PrismaClient, Region, Teacher } from "../generated/prisma/client.js";
import type { Logger } from "../logger.js";
import type { Templates } from "./templates.js";

export type BotDependencies = {
  prisma: PrismaClient;
  templates: Templates;
  /** The current instant; tests pass a fixed one. */
  now: () => Date;
  logger: Logger;
  /** Wakes the outbox worker after a notice was queued; without it the reconciler sends it within its tick. */
  kickOutbox?: () => Promise<void>;
  /** Where the reminder schedules live, for 发送情况's next digest; without it none is shown. */
  coordination?: Coordination;
};

/** One incoming message being answered, before we know who sent it. */
export type Conversation = {
  message: ChatMessage;
  deps: BotDependencies;
  /** Renders a template into a reply; `mentions` are platform user ids to @. */
  say(template: string, data?: object, mentions?: string[]): Reply;
};

/** A message from a sender bound to a teacher of the roster. */
export type TeacherConversation = Conversation & {
  teacher: Teacher;
  actor: Actor;
  region: Region;
  /** Today in the teacher's region. */
  today: DateOnly;
};

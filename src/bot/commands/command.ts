import type { Reply } from "../../channels/types.js";
import type { Role } from "../../generated/prisma/client.js";
import type { Conversation, TeacherConversation } from "../context.js";
import type { Intent, IntentKind } from "../intents/index.js";
import type { Matcher } from "../intents/types.js";

type CommandIntent<K extends IntentKind> = Extract<Intent, { kind: K }>;

/** Where a command's line appears in the help menu. */
export type HelpSection = "teacher" | "admin" | "reviewer";

/**
 * One thing a person can ask the bot. Everything the bot says about a command comes from here: the parser
 * tries `match`, the help menu lists `help` to those in `users`, and a message nobody understood is offered
 * the `examples` of commands its sender may use.
 */
export interface Command<K extends IntentKind> {
  readonly kind: K;
  /** Absent for a kind another command's matcher produces (取消登记本群 comes from 登记本群's). */
  readonly match?: Matcher;
  /** "everyone" bound to the roster, or the roles of which the sender must hold one. */
  readonly users: "everyone" | readonly Role[];
  /** Sends or writes on the sender's behalf: the first answer is a preview, 确认 carries it out. */
  readonly sideEffects: boolean;
  /**
   * The sender's own numbers: asked in a group, the group hears only this topic and the answer goes by
   * direct message (see personal.ts).
   */
  readonly privateTopic?: string;
  readonly help?: {
    readonly section: HelpSection;
    /** 查学分 in "· 查学分：我还差多少学分 / 今年学时够了吗". */
    readonly topic: string;
    /** What to type; may depend on the sender's roles (全区 only for region admins). */
    readonly usage: readonly string[] | ((roles: readonly Role[]) => readonly string[]);
  };
  /** What a person would type, the most typical first: the fallback offers the first one. */
  readonly examples: readonly string[];
  /** Answers a sender the roster does not know yet (binding, help, small talk); absent: they are asked to bind. */
  readonly handleUnbound?: (conversation: Conversation, intent: CommandIntent<K>) => Promise<Reply[]>;
  readonly handle: (conversation: TeacherConversation, intent: CommandIntent<K>) => Promise<Reply[]>;
}

/** Identity with the kind checked against the handler's intent type. */
export function command<K extends IntentKind>(definition: Command<K>): Command<K> {
  return definition;
}

export function mayUse(roles: readonly Role[] | undefined, definition: Pick<Command<IntentKind>, "users">): boolean {
  if (roles === undefined) return false;
  return definition.users === "everyone" || definition.users.some((role) => roles.includes(role));
}

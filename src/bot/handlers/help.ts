import type { Reply } from "../../channels/types.js";
import type { Role } from "../../generated/prisma/client.js";
import type { HelpSection } from "../commands/command.js";
import { commandsFor } from "../commands/index.js";
import type { Conversation, TeacherConversation } from "../context.js";

/** Someone not bound yet sees what a teacher can do once they are. */
const BEFORE_BINDING: readonly Role[] = ["teacher"];

/** The command menu, built from the registry: each person sees exactly the commands their roles allow. */
export async function helpHandler(conversation: Conversation, bound: TeacherConversation | undefined): Promise<Reply[]> {
  const roles = bound?.actor.roles ?? BEFORE_BINDING;
  const usable = commandsFor(roles);
  const administers = roles.includes("school_admin") || roles.includes("region_admin");
  const section = (wanted: HelpSection) =>
    usable.flatMap(({ help }) => {
      if (help?.section !== wanted) return [];
      const usage = typeof help.usage === "function" ? help.usage(roles) : help.usage;
      return [{ topic: help.topic, usage: usage.join(" / ") }];
    });
  return [
    conversation.say("help", {
      bound: bound !== undefined,
      name: bound?.teacher.name,
      teacher: section("teacher"),
      // A reviewer who is no administrator may use 统计 too; she finds it with her own commands.
      ...(administers
        ? { admin: section("admin"), reviewer: section("reviewer") }
        : { admin: [], reviewer: [...section("admin"), ...section("reviewer")] }),
    }),
  ];
}

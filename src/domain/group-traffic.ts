import type { ChatGroup, Prisma } from "../generated/prisma/client.js";

/**
 * Which groups hear school traffic (notices, deadline reminders, weekly digests, late-lists): those an
 * administrator approved, and where the platform never said someone from outside the organisation took
 * part. A group the bot merely heard from is pending; anyone can @-mention the bot in any group.
 */
export const HEARS_SCHOOL_TRAFFIC = { status: "approved", external: false } as const satisfies Prisma.ChatGroupWhereInput;

export function hearsSchoolTraffic(group: Pick<ChatGroup, "status" | "external">): boolean {
  return group.status === "approved" && !group.external;
}

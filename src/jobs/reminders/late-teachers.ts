import { progressOf, stillOwes, type AssigneeProgress, type RosterTeacher } from "../../domain/assignment-progress.js";
import type { ChatGroup, Platform, PrismaClient, Teacher } from "../../generated/prisma/client.js";

/** Everyone in the region who still owes the assignment (nothing handed in, or sent back), by 工号. */
export async function lateTeachersOf(
  prisma: PrismaClient,
  assignment: { id: string; projectId: string },
  roster?: RosterTeacher[],
): Promise<AssigneeProgress[]> {
  return (await progressOf(prisma, assignment, null, roster)).filter(stillOwes);
}

/**
 * The part of `late` a group hears about, as 催交 decides it: a school's group covers that school's
 * teachers; a region-level group (no school) covers the whole region, since region admins read it.
 */
export function lateInGroup(group: Pick<ChatGroup, "schoolId">, late: AssigneeProgress[]): AssigneeProgress[] {
  return group.schoolId === null ? late : late.filter((item) => item.teacher.schoolId === group.schoolId);
}

export type Addressees = {
  /** Platform user ids to @-mention. */
  mentions: string[];
  /** Names of those with no account on the group's platform: named in the text instead. */
  unbound: string[];
};

/** Who of `people` can be @-mentioned in a group on `platform`, and who can only be named. */
export async function addresseesOn(prisma: PrismaClient, platform: Platform, people: Pick<Teacher, "id" | "name">[]): Promise<Addressees> {
  const identities = await prisma.chatIdentity.findMany({
    where: { platform, teacherId: { in: people.map((person) => person.id) } },
    orderBy: { boundAt: "asc" },
  });
  const bound = new Set(identities.map((identity) => identity.teacherId));
  const order = new Map(people.map((person, index) => [person.id, index]));
  return {
    mentions: identities
      .sort((a, b) => (order.get(a.teacherId) ?? 0) - (order.get(b.teacherId) ?? 0))
      .map((identity) => identity.platformUserId),
    unbound: people.filter((person) => !bound.has(person.id)).map((person) => person.name),
  };
}

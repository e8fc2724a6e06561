import { normaliseEmployeeNumber } from "../../domain/employee-number.js";
import type { PrismaClient, Region, School, Teacher } from "../../generated/prisma/client.js";

/** Someone of the roster the playground speaks as, bound to their playground account. */
export type PlaygroundPerson = { teacher: Teacher; school: School | null; region: Region; senderId: string };

/** The playground account of the person with this 工号. */
const playgroundUserId = (employeeNumber: string) => `playground:${employeeNumber}`;

/** Why the playground cannot speak as the person asked for, with what to type instead. */
export class UnknownPersonError extends Error {
  override name = "UnknownPersonError";
}

/**
 * Finds the person with this 工号 and binds the playground account to them, creating the binding if it is
 * missing, so a newcomer can talk to the bot at once instead of going through 绑定 first. Whoever runs the
 * playground already has the database, so the binding is the local operator's word (source "playground"),
 * and playground accounts exist only here, never on a platform.
 */
export async function bindPlaygroundPerson(prisma: PrismaClient, employeeNumber: string, regionCode?: string): Promise<PlaygroundPerson> {
  const wanted = normaliseEmployeeNumber(employeeNumber);
  const candidates = await prisma.teacher.findMany({
    where: { employeeNumber: wanted, ...(regionCode ? { region: { code: regionCode } } : {}) },
    include: { school: true, region: true },
  });
  if (candidates.length === 0) throw new UnknownPersonError(`找不到工号 ${wanted}。${await whoIsThere(prisma)}`);
  if (candidates.length > 1) {
    throw new UnknownPersonError(`工号 ${wanted} 在多个地区都有（${candidates.map((c) => c.region.code).join("、")}），请加上 --region <地区代码>。`);
  }
  const { school, region, ...teacher } = candidates[0]!;
  if (!teacher.active) throw new UnknownPersonError(`工号 ${wanted}（${teacher.name}）已停用。`);
  const senderId = playgroundUserId(teacher.employeeNumber);
  await prisma.chatIdentity.upsert({
    where: { platform_platformUserId: { platform: "playground", platformUserId: senderId } },
    create: { platform: "playground", platformUserId: senderId, teacherId: teacher.id, source: "playground" },
    update: { teacherId: teacher.id, source: "playground" },
  });
  return { teacher, school, region, senderId };
}

/** A short list of people to choose from, for the newcomer who typed a 工号 that is not there. */
async function whoIsThere(prisma: PrismaClient): Promise<string> {
  const people = await prisma.teacher.findMany({ where: { active: true }, orderBy: { employeeNumber: "asc" }, take: 12 });
  if (people.length === 0) return "数据库里还没有教师。";
  return `可以试试：${people.map((p) => `${p.employeeNumber} ${p.name}`).join("、")}`;
}

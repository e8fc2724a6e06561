import type { Prisma, PrismaClient, Teacher } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";
import { audit } from "./audit.js";
import { assertMayManage } from "./authority.js";
import { DomainError } from "./errors.js";

/** What stands where an erased submission link was. */
export const ERASED_LINK = "（已删除）";

/** Why an erased person cannot be changed or imported again: their 工号 stays taken by the kept ledger. */
export const ERASED_MESSAGE = (employeeNumber: string) =>
  `工号 ${employeeNumber} 的个人信息已按本人要求删除，不能再修改或导入；新入职的同事请用新的工号。`;
/** Audit details whose values are a person's name, chat account or withdrawn link, redacted when that person is erased. */
const PERSONAL_AUDIT_KEYS = ["name", "platformUserId", "link"];

/** The name an erased person is shown under: nothing personal, still telling rows apart. */
export function erasedName(teacherId: string): string {
  return `已删除 ${teacherId.slice(0, 8)}`;
}

/**
 * Everything the service stores about one person (PIPL access), as plain JSON. Credentials are described,
 * never included: bind codes and tokens without their hashes, the mobile number only as "on file".
 */
export async function exportPersonalData(prisma: PrismaClient, teacherId: string, now: Date) {
  const teacher = await prisma.teacher.findUniqueOrThrow({
    where: { id: teacherId },
    include: { region: { select: { code: true, name: true } }, school: { select: { code: true, name: true } } },
  });
  const chatAccounts = await prisma.chatIdentity.findMany({ where: { teacherId }, orderBy: { boundAt: "asc" } });
  const platformIds = chatAccounts.map((account) => account.platformUserId);
  const [ledgerEntries, enrollments, submissions, assessments, certifications, bindCodes, adminTokens, notices, deliveries, botSessions, auditAbout, auditBy] =
    await Promise.all([
      prisma.ledgerEntry.findMany({ where: { teacherId }, orderBy: [{ occurredOn: "asc" }, { recordedAt: "asc" }] }),
      prisma.enrollment.findMany({ where: { teacherId }, include: { project: { select: { code: true, title: true } } }, orderBy: { enrolledAt: "asc" } }),
      prisma.submission.findMany({ where: { teacherId }, include: { assignment: { select: { title: true, kind: true } } }, orderBy: { submittedAt: "asc" } }),
      prisma.assessment.findMany({ where: { teacherId }, orderBy: { assessedOn: "asc" } }),
      prisma.yearCertification.findMany({ where: { teacherId }, orderBy: { year: "asc" } }),
      prisma.bindCode.findMany({
        where: { teacherId },
        select: { id: true, issuedBy: true, createdAt: true, expiresAt: true, usedAt: true, failures: true, voidedAt: true },
        orderBy: { createdAt: "asc" },
      }),
      prisma.adminToken.findMany({
        where: { teacherId },
        select: { id: true, label: true, createdBy: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
        orderBy: { createdAt: "asc" },
      }),
      prisma.notice.findMany({ where: { authorId: teacherId }, select: { id: true, text: true, target: true, status: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
      prisma.delivery.findMany({
        where: { OR: [{ teacherId }, ...(platformIds.length > 0 ? [{ mentions: { hasSome: platformIds } }] : [])] },
        select: { id: true, purpose: true, platform: true, groupId: true, teacherId: true, status: true, content: true, mentions: true, createdAt: true, sentAt: true, purgedAt: true },
        orderBy: { createdAt: "asc" },
      }),
      platformIds.length === 0
        ? Promise.resolve([])
        : prisma.botSession.findMany({
            where: { OR: chatAccounts.map((account) => ({ platform: account.platform, senderId: account.platformUserId })) },
            select: { platform: true, chatId: true, kind: true, payload: true, expiresAt: true },
          }),
      prisma.auditLog.findMany({ where: aboutPerson(teacherId), orderBy: { at: "asc" } }),
      // 工号 are unique only within a region: another region's T0001 is someone else.
      prisma.auditLog.findMany({ where: { actor: teacher.employeeNumber, regionId: teacher.regionId }, orderBy: { at: "asc" } }),
    ]);
  return {
    exportedAt: now,
    teacher: {
      id: teacher.id,
      employeeNumber: teacher.employeeNumber,
      name: teacher.name,
      region: teacher.region,
      school: teacher.school,
      hiredOn: teacher.hiredOn,
      roles: teacher.roles,
      active: teacher.active,
      mobileOnFile: teacher.mobileHash !== null,
      createdAt: teacher.createdAt,
      erasedAt: teacher.erasedAt,
    },
    chatAccounts: chatAccounts.map(({ platform, platformUserId, source, boundAt }) => ({ platform, platformUserId, source, boundAt })),
    ledgerEntries,
    enrollments,
    submissions,
    assessments,
    certifications,
    bindCodes,
    adminTokens,
    notices,
    deliveries: deliveries.map((delivery) => ({ ...delivery, addressed: delivery.teacherId === teacherId ? "direct" : "mentioned_in_group" })),
    botSessions,
    audit: { aboutThem: auditAbout, byThem: auditBy },
  };
}

export type ErasureOutcome = { teacherId: string; erasedAt: Date; alreadyErased: boolean };

/**
 * Erases a person's personal data while keeping the ledger's numbers (PIPL deletion): the name becomes
 * `erasedName`, the mobile hash, chat accounts and their bot sessions go, submission links and review
 * comments are replaced, direct messages to them and their name in group messages are cleared, their
 * tokens and bind codes stop working, and they are deactivated. Ledger entries, assessments and
 * certifications stay as they are (the ledger is append-only); the 工号 stays, as the organisation's key to
 * the numbers. One transaction with its audit row, which counts what went and holds none of it. Erasing
 * someone already erased changes nothing.
 */
export async function erasePersonalData(prisma: PrismaClient, actor: Actor, teacherId: string, now: Date): Promise<ErasureOutcome> {
  const teacher = await prisma.teacher.findUnique({ where: { id: teacherId } });
  if (!teacher || teacher.regionId !== actor.regionId) throw new DomainError("teacher_not_found", "找不到这位教师。", { kind: "not_found" });
  if (teacher.id === actor.teacherId) throw new DomainError("cannot_erase_self", "不能删除自己的个人信息：请由另一位区域管理员操作。", { kind: "forbidden" });
  assertMayManage(actor, teacher);
  if (teacher.erasedAt) return { teacherId, erasedAt: teacher.erasedAt, alreadyErased: true };
  return prisma.$transaction(async (tx) => {
    const counts = await scrub(tx, teacher, now);
    await audit(tx, actor, "erase", "teacher", teacher.id, counts);
    return { teacherId, erasedAt: now, alreadyErased: false };
  });
}

type Transaction = Prisma.TransactionClient;

async function scrub(tx: Transaction, teacher: Teacher, now: Date) {
  const placeholder = erasedName(teacher.id);
  const accounts = await tx.chatIdentity.findMany({ where: { teacherId: teacher.id } });
  const platformIds = new Set(accounts.map((account) => account.platformUserId));
  const botSessions =
    accounts.length === 0
      ? { count: 0 }
      : await tx.botSession.deleteMany({ where: { OR: accounts.map((account) => ({ platform: account.platform, senderId: account.platformUserId })) } });
  const chatAccounts = await tx.chatIdentity.deleteMany({ where: { teacherId: teacher.id } });

  // A message still waiting for them would go to nobody now; it ends, emptied like the sent ones.
  await tx.delivery.updateMany({
    where: { teacherId: teacher.id, status: "pending" },
    data: { status: "dead", lastError: "该教师的个人信息已删除" },
  });
  const directMessages = await tx.delivery.updateMany({
    where: { teacherId: teacher.id, purgedAt: null },
    data: { content: "", mentions: [], purgedAt: now },
  });
  // Group messages stay (others read them) but lose the @-mention and the name: late-lists, notice signatures.
  const groupMessages = await tx.delivery.findMany({
    where: {
      regionId: teacher.regionId,
      teacherId: null,
      OR: [
        ...(platformIds.size > 0 ? [{ mentions: { hasSome: [...platformIds] } }] : []),
        // A one-character name would match inside other words; such names are left in group texts.
        ...(teacher.name.length >= 2 ? [{ content: { contains: teacher.name } }] : []),
      ],
    },
    select: { id: true, content: true, mentions: true },
  });
  for (const message of groupMessages) {
    await tx.delivery.update({
      where: { id: message.id },
      data: { content: teacher.name.length >= 2 ? message.content.replaceAll(teacher.name, placeholder) : message.content, mentions: message.mentions.filter((id) => !platformIds.has(id)) },
    });
  }

  const submissions = await tx.submission.updateMany({ where: { teacherId: teacher.id }, data: { link: ERASED_LINK, comment: null } });
  const bindCodes = await tx.bindCode.updateMany({ where: { teacherId: teacher.id, usedAt: null, voidedAt: null }, data: { voidedAt: now } });
  const adminTokens = await tx.adminToken.updateMany({ where: { teacherId: teacher.id, revokedAt: null }, data: { revokedAt: now } });
  const auditRows = await redactAudit(tx, teacher.id, placeholder);
  await tx.teacher.update({ where: { id: teacher.id }, data: { name: placeholder, mobileHash: null, active: false, erasedAt: now } });
  return {
    chatAccounts: chatAccounts.count,
    botSessions: botSessions.count,
    directMessages: directMessages.count,
    groupMessages: groupMessages.length,
    submissions: submissions.count,
    bindCodes: bindCodes.count,
    adminTokens: adminTokens.count,
    auditRowsRedacted: auditRows,
  };
}

/** Audit rows about the person (the row names them, or its detail does). */
function aboutPerson(teacherId: string): Prisma.AuditLogWhereInput {
  return { OR: [{ entityId: teacherId }, { detail: { path: ["teacherId"], equals: teacherId } }] };
}

/** Audit rows keep who did what to whom; the person's name and chat ids in their details are replaced. */
async function redactAudit(tx: Transaction, teacherId: string, placeholder: string): Promise<number> {
  const rows = await tx.auditLog.findMany({ where: aboutPerson(teacherId) });
  let redacted = 0;
  for (const row of rows) {
    if (typeof row.detail !== "object" || row.detail === null || Array.isArray(row.detail)) continue;
    const detail = row.detail as Record<string, unknown>;
    const personal = PERSONAL_AUDIT_KEYS.filter((key) => key in detail);
    if (personal.length === 0) continue;
    await tx.auditLog.update({ where: { id: row.id }, data: { detail: { ...detail, ...Object.fromEntries(personal.map((key) => [key, placeholder])) } as Prisma.InputJsonObject } });
    redacted += 1;
  }
  return redacted;
}

import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient, Teacher } from "../generated/prisma/client.js";
import { DomainError } from "./errors.js";

const TOKEN_PREFIX = "jjat_";
const LAST_USED_RESOLUTION_MS = 60_000;

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token for a person; the plaintext is returned once and never stored. */
export async function issueAdminToken(
  prisma: PrismaClient,
  request: { teacherId: string; label: string; createdBy: string },
): Promise<{ id: string; token: string }> {
  const teacher = await prisma.teacher.findUnique({ where: { id: request.teacherId } });
  if (!teacher || !teacher.active) throw new DomainError("teacher_not_found", "找不到这位人员或已停用。", { kind: "not_found" });
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await prisma.adminToken.create({
    data: { teacherId: teacher.id, label: request.label, tokenHash: hashOf(token), createdBy: request.createdBy },
  });
  return { id: row.id, token };
}

/** The active person behind a presented token, or undefined for an unknown, revoked or orphaned one. */
export async function resolveAdminToken(prisma: PrismaClient, presented: string): Promise<Teacher | undefined> {
  if (!presented.startsWith(TOKEN_PREFIX) || presented.length > 100) return undefined;
  // Looking up by hash means the comparison happens on digests, never on the secret itself.
  const row = await prisma.adminToken.findUnique({ where: { tokenHash: hashOf(presented) }, include: { teacher: true } });
  if (!row || row.revokedAt || !row.teacher.active) return undefined;
  // "Last used" is for spotting stale tokens; a write per request would cost more than it tells.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.adminToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row.teacher;
}

export async function revokeAdminToken(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.adminToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
}

import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient, Teacher } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";
import { audit } from "./audit.js";
import { DomainError } from "./errors.js";

const TOKEN_PREFIX = "jjat_";
const LAST_USED_RESOLUTION_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A token lives this long unless its issuer asks for another lifetime (at most MAX_TOKEN_DAYS). */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a token for a person; the plaintext is returned once and never stored. The token and its audit
 * row (the issuer, by 工号, as the actor) are written together.
 */
export async function issueAdminToken(
  prisma: PrismaClient,
  request: { teacherId: string; label: string; createdBy: string; expiresInDays?: number | undefined },
  now = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + (request.expiresInDays ?? DEFAULT_TOKEN_DAYS) * DAY_MS);
  const row = await prisma.$transaction(async (tx) => {
    const teacher = await tx.teacher.findUnique({ where: { id: request.teacherId } });
    if (!teacher || !teacher.active) throw new DomainError("teacher_not_found", "找不到这位人员或已停用。", { kind: "not_found" });
    const created = await tx.adminToken.create({
      data: { teacherId: teacher.id, label: request.label, tokenHash: hashOf(token), createdBy: request.createdBy, createdAt: now, expiresAt },
    });
    // The issuer acts within the holder's region (the API and the CLI both look the holder up there).
    await audit(tx, { employeeNumber: request.createdBy, regionId: teacher.regionId }, "issue", "admin_token", created.id, { teacherId: teacher.id, label: request.label, expiresAt: expiresAt.toISOString() });
    return created;
  });
  return { id: row.id, token, expiresAt };
}

/** Who a presented token speaks for, or why it speaks for nobody. */
export type TokenResolution = { ok: true; teacher: Teacher } | { ok: false; reason: "unknown" | "expired" };

/** The active person behind a presented token; an unknown, revoked or orphaned token is "unknown". */
export async function resolveAdminToken(prisma: PrismaClient, presented: string, now = new Date()): Promise<TokenResolution> {
  if (!presented.startsWith(TOKEN_PREFIX) || presented.length > 100) return { ok: false, reason: "unknown" };
  // Looking up by hash means the comparison happens on digests, never on the secret itself.
  const row = await prisma.adminToken.findUnique({ where: { tokenHash: hashOf(presented) }, include: { teacher: true } });
  if (!row || row.revokedAt || !row.teacher.active) return { ok: false, reason: "unknown" };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  // "Last used" is for spotting stale tokens; a write per request would cost more than it tells.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.adminToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { ok: true, teacher: row.teacher };
}

/** Revokes a token (the caller has checked she may); the revocation and its audit row are written together. */
export async function revokeAdminToken(prisma: PrismaClient, actor: Pick<Actor, "employeeNumber" | "regionId">, id: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.adminToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, actor, "revoke", "admin_token", id);
  });
}

/**
 * The tokens a caller may see, newest first, without the token or its hash: a region admin sees every
 * token of the region's people, anyone else only their own.
 */
export async function listAdminTokens(prisma: PrismaClient, viewer: { teacherId: string; regionId: string; regionWide: boolean }) {
  const rows = await prisma.adminToken.findMany({
    where: viewer.regionWide ? { teacher: { regionId: viewer.regionId } } : { teacherId: viewer.teacherId },
    include: { teacher: { select: { employeeNumber: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    teacherId: row.teacherId,
    employeeNumber: row.teacher.employeeNumber,
    name: row.teacher.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  }));
}

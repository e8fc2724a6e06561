import { randomInt } from "node:crypto";
import type { RateLimit, RateLimiter } from "../coordination/index.js";
import type { Platform, Prisma, PrismaClient, Region, Role, Teacher } from "../generated/prisma/client.js";
import type { Logger } from "../logger.js";
import type { SecretBox } from "../secret-box.js";
import type { Actor } from "./actors.js";
import { audit } from "./audit.js";
import { checkEmployeeNumber } from "./employee-number.js";
import { DomainError } from "./errors.js";

/**
 * A typed 工号 proves nothing: a chat account becomes a person through the roster or the platform's
 * address book, or through a one-time code an administrator handed to that person. Codes are keyed hashes
 * (they survive a key rotation), live 24 hours, work once, and die after five wrong guesses or once typed in
 * a group without binding; attempts are rate-limited per sender and per 工号, and every failure is audited. What a sender is told never depends
 * on whether a 工号 exists, is active or is bound — only on the sender's own account.
 */
export const BIND_CODE_LIFETIME_MS = 24 * 3600_000;
export const BIND_CODE_MAX_FAILURES = 5;
export const BIND_LIMIT_PER_SENDER: RateLimit = { count: 5, windowMs: 10 * 60_000 };
export const BIND_LIMIT_PER_PERSON: RateLimit = { count: 10, windowMs: 60 * 60_000 };

/** Roles whose holders always need a code, whatever their region says: they act for others. */
const ROLES_NEEDING_CODE: readonly Role[] = ["school_admin", "region_admin", "reviewer"];

const CODE_PURPOSE = "bind-code";
const codeValue = (teacherId: string, code: string) => `${teacherId}:${code}`;

type CodeWriter = Pick<PrismaClient, "bindCode">;

/**
 * A six-digit one-time code for handing to a teacher in person or privately. Issuing one voids the
 * person's earlier unused codes, so at most one code per person is live and a lost slip is simply replaced.
 */
export async function issueBindCode(
  prisma: CodeWriter,
  secrets: SecretBox,
  request: { teacherId: string; issuedBy: string; now: Date },
): Promise<{ code: string; expiresAt: Date }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(request.now.getTime() + BIND_CODE_LIFETIME_MS);
  await prisma.bindCode.updateMany({ where: liveCodesOf(request.teacherId, request.now), data: { voidedAt: request.now } });
  await prisma.bindCode.create({
    data: { teacherId: request.teacherId, codeHash: secrets.digest(CODE_PURPOSE, codeValue(request.teacherId, code)), issuedBy: request.issuedBy, expiresAt },
  });
  return { code, expiresAt };
}

/**
 * A fresh code for one person, handed out by an administrator (the caller has checked she may manage
 * him): the code and its audit row are written together. The code itself is never logged or stored, only
 * its keyed hash.
 */
export async function issueTeacherBindCode(
  prisma: PrismaClient,
  secrets: SecretBox,
  actor: Actor,
  teacher: Pick<Teacher, "id" | "active">,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  if (!teacher.active) throw new DomainError("teacher_inactive", "这位教师已停用，不能绑定聊天账号。", { kind: "conflict" });
  return prisma.$transaction(async (tx) => {
    const issued = await issueBindCode(tx, secrets, { teacherId: teacher.id, issuedBy: actor.employeeNumber, now });
    await audit(tx, actor, "issue", "bind_code", teacher.id, { expiresAt: issued.expiresAt.toISOString() });
    return issued;
  });
}

/**
 * Unbinds one of a person's chat accounts (rebinding is an administrator's decision, never a chat
 * command; the caller has checked she may manage him); the deletion and its audit row are written together.
 */
export async function unbindChatAccount(prisma: PrismaClient, actor: Actor, teacherId: string, accountId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const account = await tx.chatIdentity.findUnique({ where: { id: accountId } });
    if (!account || account.teacherId !== teacherId) throw new DomainError("chat_account_not_found", "找不到这个聊天账号。", { kind: "not_found" });
    await tx.chatIdentity.delete({ where: { id: account.id } });
    await audit(tx, actor, "unbind", "chat_identity", account.id, { teacherId, platform: account.platform, platformUserId: account.platformUserId });
  });
}

const liveCodesOf = (teacherId: string, now: Date): Prisma.BindCodeWhereInput => ({
  teacherId,
  usedAt: null,
  voidedAt: null,
  expiresAt: { gt: now },
});

export type BindRequest = {
  platform: Platform;
  platformUserId: string;
  /** As typed; checked and normalised by the one 工号 rule. */
  employeeNumber: string;
  code?: string;
  /** The region of the group the request came from, when the group is known. */
  regionId?: string;
  /** Typed in a group chat, where every member can read the code. */
  inGroup?: boolean;
  now: Date;
};

export type BindOutcome =
  | { kind: "bound"; teacher: Teacher }
  /** The sender's own account is already this person: nothing to do. */
  | { kind: "already_bound"; teacher: Teacher }
  /** The sender's own account is bound to someone else: only an administrator changes that. */
  | { kind: "sender_bound_elsewhere"; teacher: Teacher }
  | { kind: "employee_number_missing" }
  | { kind: "employee_number_invalid"; message: string }
  /** No code was typed and none could be done without one; said the same way whatever the 工号 is. */
  | { kind: "code_needed" }
  /** Unknown, ambiguous, inactive or bound elsewhere, wrong, used, expired or void code: one neutral answer. */
  | { kind: "failed" }
  | { kind: "too_many_attempts"; retryAfterMs: number };

export type BindingDependencies = {
  prisma: PrismaClient;
  secrets: SecretBox;
  rateLimiter: RateLimiter;
  logger: Pick<Logger, "warn">;
};

type Candidate = Teacher & { region: Region };

/** Why an attempt failed, for the audit log only; the sender always hears the same thing. */
type FailureReason =
  | "rate_limited_sender"
  | "rate_limited_person"
  | "unknown_employee_number"
  | "ambiguous_employee_number"
  | "inactive"
  | "teacher_bound_elsewhere"
  | "code_needed"
  | "wrong_code";

/**
 * Links a chat account to a person of the roster, with the person's one-time code when the region asks
 * for one or the person holds an admin or reviewer role. Rebinding is an administrator's decision, never
 * a chat command.
 */
export async function bindChatAccount(deps: BindingDependencies, request: BindRequest): Promise<BindOutcome> {
  if (request.employeeNumber.trim() === "") return { kind: "employee_number_missing" };
  const checked = checkEmployeeNumber(request.employeeNumber);
  if (!checked.ok) return { kind: "employee_number_invalid", message: checked.message };
  const employeeNumber = checked.value;
  const code = request.code?.trim() || undefined;
  const outcome = await attemptBinding(deps, request, employeeNumber, code);
  // A code shown to a whole group is no longer secret: unless it was just used, nobody may use it later.
  // Whatever it matched, the reply stays the one above, so voiding tells the sender nothing.
  if (request.inGroup && code && outcome.kind !== "bound") await voidCodesMatching(deps, request, employeeNumber, code);
  return outcome;
}

async function attemptBinding(deps: BindingDependencies, request: BindRequest, employeeNumber: string, code: string | undefined): Promise<BindOutcome> {
  const { prisma } = deps;
  const sender = `${request.platform}:${request.platformUserId}`;
  // Never the code: only why, for which 工号, from which platform (the sender is the audit row's actor).
  const fail = (reason: FailureReason, teacherId: string | null = null) =>
    audit(prisma, sender, "bind_failed", "teacher", teacherId, { reason, employeeNumber, platform: request.platform });

  const current = await prisma.chatIdentity.findUnique({
    where: { platform_platformUserId: { platform: request.platform, platformUserId: request.platformUserId } },
    include: { teacher: true },
  });
  if (current) {
    return current.teacher.employeeNumber === employeeNumber
      ? { kind: "already_bound", teacher: current.teacher }
      : { kind: "sender_bound_elsewhere", teacher: current.teacher };
  }

  // The second window is keyed by the typed 工号, not the person: being limited says nothing about whether it exists.
  for (const [reason, key, limit] of [
    ["rate_limited_sender", `bind:sender:${sender}`, BIND_LIMIT_PER_SENDER],
    ["rate_limited_person", `bind:person:${employeeNumber}`, BIND_LIMIT_PER_PERSON],
  ] as const) {
    const decision = await takeOrAllow(deps, key, limit);
    if (!decision.allowed) {
      await fail(reason);
      return { kind: "too_many_attempts", retryAfterMs: decision.retryAfterMs };
    }
  }

  const candidates: Candidate[] = await prisma.teacher.findMany({
    where: { employeeNumber, ...(request.regionId ? { regionId: request.regionId } : {}) },
    include: { region: true },
  });
  const refused = async (reason: FailureReason, teacherId: string | null = null): Promise<BindOutcome> => {
    await fail(reason, teacherId);
    return { kind: code ? "failed" : "code_needed" };
  };
  if (candidates.length === 0) return refused("unknown_employee_number");
  // The same 工号 in two regions (a direct chat names no region): only a code can tell them apart.
  const teacher = candidates.length === 1 ? candidates[0] : code ? await holderOfCode(deps, candidates, code, request.now) : undefined;
  if (!teacher && code) {
    // Nobody's code matched: the guess counts against every one of them, or two regions would mean no lockout.
    await countWrongCode(prisma, candidates, request, sender);
    return { kind: "failed" };
  }
  if (!teacher) return refused("ambiguous_employee_number");
  if (!teacher.active || teacher.erasedAt) return refused("inactive", teacher.id);
  const taken = await prisma.chatIdentity.findFirst({ where: { teacherId: teacher.id, platform: request.platform } });
  if (taken) return refused("teacher_bound_elsewhere", teacher.id);
  if (!code) {
    if (needsCode(teacher)) return refused("code_needed", teacher.id);
    return prisma.$transaction((tx) => bind(tx, request, teacher, sender, "bind_code_not_required"));
  }
  return bindWithCode(deps, request, teacher, code, sender);
}

/** Whether this person can bind only with a code. */
function needsCode(teacher: Candidate): boolean {
  return teacher.region.bindingRequiresCode || teacher.roles.some((role) => ROLES_NEEDING_CODE.includes(role));
}

/**
 * Rate windows live in Redis, which may forget; when it cannot answer, the attempt goes on rather than
 * stopping every binding, since the durable guard — five wrong codes void the code — is in the database.
 */
async function takeOrAllow(deps: BindingDependencies, key: string, limit: RateLimit) {
  try {
    return await deps.rateLimiter.take(key, limit);
  } catch (error) {
    deps.logger.warn({ err: error, key }, "bind rate limit unavailable; relying on code lockout");
    return { allowed: true, retryAfterMs: 0 };
  }
}

/** Voids the live codes of everyone with this 工号, in any region, that the typed code matches, and audits each. */
async function voidCodesMatching(deps: BindingDependencies, request: BindRequest, employeeNumber: string, code: string): Promise<void> {
  const people = await deps.prisma.teacher.findMany({ where: { employeeNumber }, select: { id: true } });
  for (const person of people) {
    const exposed = await liveCodesMatching(deps, person.id, code, request.now);
    if (exposed.length === 0) continue;
    await deps.prisma.$transaction(async (tx) => {
      await tx.bindCode.updateMany({ where: { id: { in: exposed.map((stored) => stored.id) }, usedAt: null }, data: { voidedAt: request.now } });
      await audit(tx, `${request.platform}:${request.platformUserId}`, "bind_code_voided", "teacher", person.id, { reason: "shown_in_group", employeeNumber, platform: request.platform });
    });
  }
}

async function holderOfCode(deps: BindingDependencies, candidates: Candidate[], code: string, now: Date): Promise<Candidate | undefined> {
  for (const candidate of candidates) {
    if ((await liveCodesMatching(deps, candidate.id, code, now)).length > 0) return candidate;
  }
  return undefined;
}

/** The person's live codes whose keyed hash the typed code matches. */
async function liveCodesMatching(deps: Pick<BindingDependencies, "prisma" | "secrets">, teacherId: string, code: string, now: Date) {
  const live = await deps.prisma.bindCode.findMany({ where: liveCodesOf(teacherId, now) });
  return live.filter((stored) => deps.secrets.matches(CODE_PURPOSE, codeValue(teacherId, code), stored.codeHash));
}

async function bindWithCode(deps: BindingDependencies, request: BindRequest, teacher: Candidate, code: string, sender: string): Promise<BindOutcome> {
  const { prisma } = deps;
  const [match] = await liveCodesMatching(deps, teacher.id, code, request.now);
  if (match) {
    const outcome = await prisma.$transaction(async (tx) => {
      // Conditional on still being unused, so two senders racing with the same code bind only one account.
      const { count } = await tx.bindCode.updateMany({ where: { id: match.id, usedAt: null, voidedAt: null }, data: { usedAt: request.now } });
      if (count === 0) return undefined;
      return bind(tx, request, teacher, sender, "bind_code");
    });
    if (outcome) return outcome;
  }
  await countWrongCode(prisma, [teacher], request, sender);
  return { kind: "failed" };
}

/** Every wrong code counts against all of each person's live codes, audited per person; the fifth voids them. */
async function countWrongCode(prisma: PrismaClient, people: Candidate[], request: BindRequest, sender: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const person of people) {
      await tx.bindCode.updateMany({ where: liveCodesOf(person.id, request.now), data: { failures: { increment: 1 } } });
      await tx.bindCode.updateMany({
        where: { ...liveCodesOf(person.id, request.now), failures: { gte: BIND_CODE_MAX_FAILURES } },
        data: { voidedAt: request.now },
      });
      await audit(tx, sender, "bind_failed", "teacher", person.id, { reason: "wrong_code", employeeNumber: person.employeeNumber, platform: request.platform });
    }
  });
}

async function bind(
  prisma: Pick<PrismaClient, "chatIdentity" | "auditLog">,
  request: BindRequest,
  teacher: Candidate,
  sender: string,
  how: "bind_code" | "bind_code_not_required",
): Promise<BindOutcome> {
  // The schema has no source for "typed 工号, region needs no code"; it is the same chat command, and the audit row's `how` tells them apart.
  const identity = await prisma.chatIdentity.create({
    data: { platform: request.platform, platformUserId: request.platformUserId, teacherId: teacher.id, source: "bind_code" },
  });
  await audit(prisma, sender, "bind", "chat_identity", identity.id, { teacherId: teacher.id, employeeNumber: teacher.employeeNumber, how });
  const { region: _region, ...plain } = teacher;
  return { kind: "bound", teacher: plain };
}

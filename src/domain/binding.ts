import { createHash, randomInt } from "node:crypto";
import type { Platform, PrismaClient, Teacher } from "../generated/prisma/client.js";
import { DomainError } from "./errors.js";

const CODE_LIFETIME_MS = 7 * 24 * 3600_000;

const hashOf = (teacherId: string, code: string) => createHash("sha256").update(`${teacherId}:${code}`).digest("hex");

/** A six-digit one-time code an administrator hands to a teacher in person or privately. */
export async function issueBindCode(
  prisma: PrismaClient,
  request: { teacherId: string; issuedBy: string; now: Date },
): Promise<{ code: string; expiresAt: Date }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(request.now.getTime() + CODE_LIFETIME_MS);
  await prisma.bindCode.create({ data: { teacherId: request.teacherId, codeHash: hashOf(request.teacherId, code), issuedBy: request.issuedBy, expiresAt } });
  return { code, expiresAt };
}

export type BindRequest = {
  platform: Platform;
  platformUserId: string;
  employeeNumber: string;
  code?: string;
  /** The region of the group the request came from, when the group is known. */
  regionId?: string;
  now: Date;
};

/**
 * Links a chat account to a teacher of the roster. Refuses when the 工号 is unknown or ambiguous, when the
 * region wants a one-time code and none (or a wrong one) is given, and when either side is already bound
 * elsewhere — rebinding is an administrator's decision, never a chat command.
 */
export async function bindChatAccount(prisma: PrismaClient, request: BindRequest): Promise<{ teacher: Teacher; alreadyBound: boolean }> {
  const employeeNumber = request.employeeNumber.trim().toUpperCase();
  if (!employeeNumber) {
    throw new DomainError("employee_number_missing", "请告诉我你的工号，例如：绑定 工号 T0001", { field: "employeeNumber" });
  }
  const current = await prisma.chatIdentity.findUnique({
    where: { platform_platformUserId: { platform: request.platform, platformUserId: request.platformUserId } },
    include: { teacher: true },
  });
  if (current) {
    if (current.teacher.employeeNumber === employeeNumber) return { teacher: current.teacher, alreadyBound: true };
    throw new DomainError("sender_bound_elsewhere", `你的账号已绑定工号 ${current.teacher.employeeNumber}（${current.teacher.name}）；如需更换，请联系管理员。`, { kind: "conflict" });
  }
  const candidates = await prisma.teacher.findMany({
    where: { employeeNumber, active: true, ...(request.regionId ? { regionId: request.regionId } : {}) },
    include: { region: true },
  });
  if (candidates.length === 0) {
    throw new DomainError("employee_number_unknown", `花名册里没有工号 ${employeeNumber}，请核对；如确认无误，请联系学校管理员。`, { field: "employeeNumber", kind: "not_found" });
  }
  if (candidates.length > 1) {
    throw new DomainError("employee_number_ambiguous", `工号 ${employeeNumber} 在多个地区都有，请在本校的工作群里 @我 绑定。`, { field: "employeeNumber" });
  }
  const teacher = candidates[0]!;
  const taken = await prisma.chatIdentity.findFirst({ where: { teacherId: teacher.id, platform: request.platform } });
  if (taken) {
    throw new DomainError("teacher_bound_elsewhere", `工号 ${employeeNumber} 已绑定了另一个账号；如需更换，请联系管理员解绑。`, { kind: "conflict" });
  }
  return prisma.$transaction(async (tx) => {
    if (teacher.region.bindingRequiresCode) {
      if (!request.code) {
        throw new DomainError("bind_code_required", `本地区绑定需要验证码。请向学校管理员索取，然后发送：绑定 ${employeeNumber} 验证码 123456`, { field: "code" });
      }
      const { count } = await tx.bindCode.updateMany({
        where: { teacherId: teacher.id, codeHash: hashOf(teacher.id, request.code.trim()), usedAt: null, expiresAt: { gt: request.now } },
        data: { usedAt: request.now },
      });
      if (count === 0) throw new DomainError("bind_code_invalid", "验证码不对或已过期，请向管理员重新索取。", { field: "code" });
    }
    await tx.chatIdentity.create({ data: { platform: request.platform, platformUserId: request.platformUserId, teacherId: teacher.id } });
    const { region: _region, ...plain } = teacher;
    return { teacher: plain, alreadyBound: false };
  });
}

import type { PrismaClient, School } from "../generated/prisma/client.js";
import type { SecretBox } from "../secret-box.js";
import { requireRole, type Actor } from "./actors.js";
import { audit } from "./audit.js";
import { roleBeyond } from "./authority.js";
import { issueBindCode } from "./binding.js";
import { DomainError } from "./errors.js";
import { canSee } from "./scope.js";

export type IssuedCode = { employeeNumber: string; name: string; code: string; expiresAt: Date };

/**
 * Fresh one-time codes for a school's active people, to print and hand out: by default only those with no
 * chat account yet, with `all` everyone. People the caller may not manage (holding a role she lacks) are
 * skipped and counted. Each new code voids the person's earlier one. Audited with counts, never codes.
 */
export async function issueSchoolBindCodes(
  prisma: PrismaClient,
  secrets: SecretBox,
  request: { actor: Actor; schoolId: string; all: boolean; now: Date },
): Promise<{ school: School; codes: IssuedCode[]; skipped: number }> {
  const { actor } = request;
  requireRole(actor, "region_admin", "school_admin");
  const school = await prisma.school.findUnique({ where: { id: request.schoolId } });
  if (!school || !canSee(actor.scope, { regionId: school.regionId, schoolId: school.id })) {
    throw new DomainError("school_not_found", "找不到这所学校。", { kind: "not_found" });
  }
  const people = await prisma.teacher.findMany({
    where: { schoolId: school.id, active: true, erasedAt: null, ...(request.all ? {} : { chatIdentities: { none: {} } }) },
    orderBy: { employeeNumber: "asc" },
  });
  const manageable = people.filter((person) => roleBeyond(actor, person) === undefined);
  const codes = await prisma.$transaction(async (tx) => {
    const issued: IssuedCode[] = [];
    for (const person of manageable) {
      const { code, expiresAt } = await issueBindCode(tx, secrets, { teacherId: person.id, issuedBy: actor.employeeNumber, now: request.now });
      issued.push({ employeeNumber: person.employeeNumber, name: person.name, code, expiresAt });
    }
    await audit(tx, actor, "issue_bulk", "bind_code", school.id, { school: school.code, all: request.all, issued: issued.length, skipped: people.length - manageable.length });
    return issued;
  });
  return { school, codes, skipped: people.length - manageable.length };
}

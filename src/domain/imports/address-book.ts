import { ADDRESS_BOOK_COLUMNS, type AddressBookColumn, type DirectoryPlatform } from "../../channels/platforms.js";
import type { PrismaClient, School, Teacher } from "../../generated/prisma/client.js";
import type { SecretBox } from "../../secret-box.js";
import { requireRole, type Actor } from "../actors.js";
import { audit } from "../audit.js";
import { roleBeyond } from "../authority.js";
import { DomainError } from "../errors.js";
import { mobileHashes } from "../mobile.js";
import { canSee } from "../scope.js";
import { text } from "../spreadsheet/cell-parsers.js";
import { readTable } from "../spreadsheet/read-table.js";
import { RowFields } from "../spreadsheet/row-fields.js";
import type { RowError, UploadedFile } from "../spreadsheet/types.js";
import { mobileCell, nameCell, platformUserIdCell } from "./account-cells.js";
import { isUniqueViolation } from "./unique-violation.js";

/**
 * The address book a platform's admin console exports (姓名, 账号/UserID, 手机, 部门 …) matched to the
 * roster, so each platform account becomes its person without anyone typing a 工号: by mobile number first
 * (compared as keyed hashes; the roster's 手机 column stored them), else by 姓名 within the school that 部门
 * names, when exactly one active person fits. A dry run shows what matched and what did not; applying writes
 * only the matched lines, in one transaction with its audit row.
 */
export type AddressBookPlatform = DirectoryPlatform;

export type MatchedLine = { row: number; account: string; employeeNumber: string; name: string; by: "mobile" | "name_school" };
export type UnmatchedLine = { row: number; account: string; name: string; reason: string };
export type AmbiguousLine = { row: number; account: string; name: string; candidates: { employeeNumber: string; name: string }[] };
export type ConflictLine = { row: number; account: string; employeeNumber: string; name: string; reason: string };

export type AddressBookReport = {
  /** False when the file cannot be read as an address book at all (a missing column): nothing was matched. */
  ok: boolean;
  dryRun: boolean;
  applied: boolean;
  file: string;
  platform: AddressBookPlatform;
  summary: { lines: number; matched: number; alreadyLinked: number; unmatched: number; ambiguous: number; conflicts: number; outOfScope: number };
  matched: MatchedLine[];
  unmatched: UnmatchedLine[];
  ambiguous: AmbiguousLine[];
  conflicts: ConflictLine[];
  /** Lines about people outside the importer's school: row numbers only, nothing about who they are. */
  outOfScope: { row: number }[];
  /** Cells that cannot be read (a missing name or account, an account with odd characters). */
  errors: RowError[];
};

type Person = Teacher & { school: School | null };
type Line = { row: number; name: string; account: string; mobile?: string; department: string };
type Verdict =
  | { kind: "matched"; person: Person; by: MatchedLine["by"] }
  | { kind: "unmatched"; reason: string }
  | { kind: "ambiguous"; people: Person[] }
  | { kind: "out_of_scope" };

export async function importAddressBook(
  prisma: PrismaClient,
  request: { actor: Actor; platform: AddressBookPlatform; file: UploadedFile; dryRun: boolean; secrets: SecretBox },
): Promise<AddressBookReport> {
  const { actor, platform, file, secrets } = request;
  requireRole(actor, "region_admin", "school_admin");
  if (actor.scope.kind === "self") throw new DomainError("forbidden", "学校管理员账号没有关联学校，无法导入通讯录。", { kind: "forbidden" });

  const report: AddressBookReport = {
    ok: true,
    dryRun: request.dryRun,
    applied: false,
    file: file.name,
    platform,
    summary: { lines: 0, matched: 0, alreadyLinked: 0, unmatched: 0, ambiguous: 0, conflicts: 0, outOfScope: 0 },
    matched: [],
    unmatched: [],
    ambiguous: [],
    conflicts: [],
    outOfScope: [],
    errors: [],
  };
  const table = await readTable(file, ADDRESS_BOOK_COLUMNS[platform]);
  report.summary.lines = table.rows.length;
  if (table.errors.length > 0) return { ...report, ok: false, errors: table.errors };
  const lines = readLines(table.rows, report.errors);

  const [schools, people] = await Promise.all([
    prisma.school.findMany({ where: { regionId: actor.regionId } }),
    prisma.teacher.findMany({ where: { regionId: actor.regionId, active: true, erasedAt: null }, include: { school: true } }),
  ]);
  const held = await prisma.chatIdentity.findMany({
    where: { OR: [{ platform, platformUserId: { in: lines.map((line) => line.account) } }, { platform, teacherId: { in: people.map((person) => person.id) } }] },
  });
  const holderOfAccount = new Map(held.map((identity) => [identity.platformUserId, identity]));
  const accountsOf = groupBy(held, (identity) => identity.teacherId);
  const byMobileHash = new Map(people.filter((person) => person.mobileHash).map((person) => [person.mobileHash!, person]));
  const firstLineOf = new Map<string, number>();

  for (const line of lines) {
    const verdict = match(line, { actor, schools, people, byMobileHash, secrets });
    if (verdict.kind === "out_of_scope") {
      report.outOfScope.push({ row: line.row });
      continue;
    }
    if (verdict.kind === "unmatched") {
      report.unmatched.push({ row: line.row, account: line.account, name: line.name, reason: verdict.reason });
      continue;
    }
    if (verdict.kind === "ambiguous") {
      report.ambiguous.push({ row: line.row, account: line.account, name: line.name, candidates: verdict.people.map(({ employeeNumber, name }) => ({ employeeNumber, name })) });
      continue;
    }
    const { person, by } = verdict;
    const conflict = (reason: string) => report.conflicts.push({ row: line.row, account: line.account, employeeNumber: person.employeeNumber, name: person.name, reason });
    const holder = holderOfAccount.get(line.account);
    const otherAccount = (accountsOf.get(person.id) ?? []).find((identity) => identity.platformUserId !== line.account && identity.source !== "bind_code");
    const earlier = firstLineOf.get(person.id);
    if (earlier !== undefined) conflict(`与第 ${earlier} 行是同一个人`);
    else if (holder && holder.teacherId !== person.id) conflict("这个账号已是另一个人的聊天账号；如确属本人，请先在管理后台解绑");
    else if (otherAccount) conflict(`这位已有另一个账号 ${otherAccount.platformUserId}（来自${otherAccount.source === "roster" ? "名单" : "通讯录"}）；如需更换，请先在管理后台解绑`);
    else if (holder) report.summary.alreadyLinked += 1;
    else report.matched.push({ row: line.row, account: line.account, employeeNumber: person.employeeNumber, name: person.name, by });
    if (earlier === undefined) firstLineOf.set(person.id, line.row);
  }
  report.summary = {
    ...report.summary,
    matched: report.matched.length,
    unmatched: report.unmatched.length,
    ambiguous: report.ambiguous.length,
    conflicts: report.conflicts.length,
    outOfScope: report.outOfScope.length,
  };

  if (!request.dryRun && report.matched.length > 0) {
    const idOf = new Map(people.map((person) => [person.employeeNumber, person.id]));
    try {
      await prisma.$transaction(async (tx) => {
        for (const line of report.matched) {
          const teacherId = idOf.get(line.employeeNumber)!;
          // A self-bound account of the person's on this platform gives way to the organisation's word.
          await tx.chatIdentity.deleteMany({ where: { teacherId, platform, source: "bind_code" } });
          await tx.chatIdentity.create({ data: { platform, platformUserId: line.account, teacherId, source: "address_book" } });
        }
        const byMobile = report.matched.filter((line) => line.by === "mobile").length;
        await audit(tx, actor, "import", "address_book", null, {
          file: file.name,
          platform,
          linked: report.matched.length,
          byMobile,
          byNameAndSchool: report.matched.length - byMobile,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError("address_book_changed", "导入期间有账号被绑定了，本次未写入任何数据；请重新试导入再导入。", { kind: "conflict" });
      }
      throw error;
    }
    report.applied = true;
  }
  return report;
}

function readLines(rows: Awaited<ReturnType<typeof readTable<AddressBookColumn>>>["rows"], errors: RowError[]): Line[] {
  const lines: Line[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of rows) {
    const fields = new RowFields(row, errors);
    const name = fields.required("姓名", nameCell(50));
    const account = fields.required("账号", platformUserIdCell);
    const department = fields.optional("部门", text(500)) ?? "";
    // A number the console shows oddly is no reason to skip the line: 姓名 + 学校 may still match it.
    const mobileCellValue = row.values["手机"];
    const mobile = mobileCellValue === null || mobileCellValue === undefined ? undefined : mobileCell(mobileCellValue);
    if (account !== undefined) {
      const first = firstRowOf.get(account);
      if (first !== undefined) fields.reject("账号", `账号 ${account} 与第 ${first} 行重复`);
      else firstRowOf.set(account, row.row);
    }
    if (!fields.valid || name === undefined || account === undefined) continue;
    lines.push({ row: row.row, name, account, department, ...(mobile?.ok ? { mobile: mobile.value } : {}) });
  }
  return lines;
}

/**
 * Who one line is: the person whose stored mobile hash it has, else the one active person of that name in a
 * school 部门 names. A school admin matches only her own school's people, and none holding a role she lacks.
 */
function match(
  line: Line,
  context: { actor: Actor; schools: readonly School[]; people: readonly Person[]; byMobileHash: ReadonlyMap<string, Person>; secrets: SecretBox },
): Verdict {
  const { actor } = context;
  const inScope = (person: Person) => canSee(actor.scope, { regionId: person.regionId, schoolId: person.schoolId, teacherId: person.id });
  const verdictFor = (person: Person, by: MatchedLine["by"]): Verdict => {
    if (!inScope(person)) return { kind: "out_of_scope" };
    if (roleBeyond(actor, person) !== undefined) return { kind: "unmatched", reason: "这位的角色只有区域管理员能为其关联账号" };
    return { kind: "matched", person, by };
  };

  if (line.mobile) {
    const byMobile = mobileHashes(context.secrets, line.mobile).map((hash) => context.byMobileHash.get(hash)).find((person) => person !== undefined);
    if (byMobile) return verdictFor(byMobile, "mobile");
  }
  const named = schoolsNamedIn(line.department, context.schools);
  if (named.length === 0) {
    return { kind: "unmatched", reason: line.department ? "部门里没有本区域学校的名称或代码，手机号也没有对上" : "没有部门，手机号也没有对上" };
  }
  if (actor.scope.kind === "school" && !named.some((school) => school.id === actor.schoolId)) return { kind: "out_of_scope" };
  const sameName = context.people.filter((person) => person.name === line.name && named.some((school) => school.id === person.schoolId));
  const visible = sameName.filter(inScope);
  if (sameName.length === 0) return { kind: "unmatched", reason: "部门所写的学校里没有这个姓名的在职教师" };
  if (visible.length === 0) return { kind: "out_of_scope" };
  if (sameName.length > 1) return { kind: "ambiguous", people: visible };
  return verdictFor(sameName[0]!, "name_school");
}

/** Schools whose full name or code 部门 contains ("博乐市第一中学/语文组", "S01;教务处"). */
function schoolsNamedIn(department: string, schools: readonly School[]): School[] {
  const folded = department.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (!folded) return [];
  return schools.filter((school) => {
    const name = school.name.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
    const code = school.code.normalize("NFKC").toUpperCase();
    return folded.includes(name) || folded.split(/[^A-Z0-9_-]+/).includes(code);
  });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

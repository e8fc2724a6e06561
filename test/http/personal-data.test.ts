import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds } from "../support/database.js";

const LINK = "https://mp.weixin.qq.com/s/wangqiang-reflection-2026";
const CHAT_ID = "wangqiang-wecom-userid";

/** Every row of every table the service keeps, as text: what "gone from every table" is checked against. */
async function everything(prisma: PrismaClient): Promise<string> {
  const tables = await Promise.all([
    prisma.region.findMany(), prisma.school.findMany(), prisma.teacher.findMany(), prisma.chatIdentity.findMany(), prisma.chatGroup.findMany(),
    prisma.trainingProject.findMany(), prisma.enrollment.findMany(), prisma.ledgerEntry.findMany(), prisma.assignment.findMany(),
    prisma.submission.findMany(), prisma.assessment.findMany(), prisma.auditLog.findMany(), prisma.yearCertification.findMany(),
    prisma.adminToken.findMany(), prisma.bindCode.findMany(), prisma.botSession.findMany(), prisma.notice.findMany(),
    prisma.delivery.findMany(), prisma.reminderClaim.findMany(),
  ]);
  return JSON.stringify(tables);
}

describe.each(databaseKinds)("PIPL: a person's data exported, and erased with the ledger's numbers kept, on %s", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let teacherId: string;
  beforeAll(async () => {
    api = await startAdminApi(kind);
    const { prisma } = api.database;
    teacherId = api.ids.T0002!;
    const regionId = (await prisma.teacher.findUniqueOrThrow({ where: { id: teacherId } })).regionId;
    const assignment = await prisma.assignment.findFirstOrThrow();
    await prisma.teacher.update({ where: { id: teacherId }, data: { mobileHash: "keyed-hash-of-a-mobile" } });
    await prisma.chatIdentity.create({ data: { platform: "wecom", platformUserId: CHAT_ID, teacherId, source: "roster" } });
    await prisma.botSession.create({ data: { platform: "wecom", chatId: "direct", senderId: CHAT_ID, kind: "paging", payload: { pages: ["王强的学分明细"] }, expiresAt: new Date("2026-11-24T00:00:00Z") } });
    await prisma.submission.create({ data: { assignmentId: assignment.id, teacherId, link: LINK, comment: "王强写得很认真" } });
    await prisma.bindCode.create({ data: { teacherId, codeHash: "hash-of-code", issuedBy: "T0001", expiresAt: new Date("2026-11-24T00:00:00Z") } });
    const group = await prisma.chatGroup.create({ data: { platform: "wecom", chatId: "grade-7", regionId, delivery: {} } });
    await prisma.delivery.createMany({
      data: [
        { idempotencyKey: "dm-1", regionId, purpose: "deadline_reminder", platform: "wecom", teacherId, content: "王强老师，《心得》还有 3 天截止。", status: "sent" },
        { idempotencyKey: "late-1", regionId, purpose: "weekly_digest", platform: "wecom", groupId: group.id, content: "还没交：@王强 @李娜", mentions: [CHAT_ID, "lina"], status: "sent" },
      ],
    });
    await prisma.auditLog.create({ data: { actor: "T0001", action: "update", entity: "teacher", entityId: teacherId, detail: { name: "王强" } } });
    await prisma.auditLog.create({ data: { actor: "T0001", action: "unbind", entity: "chat_identity", entityId: "x", detail: { teacherId, platformUserId: CHAT_ID } } });
  });
  afterAll(async () => api?.close());

  it("exports everything about a person to them and to admins in scope, audited, and to nobody else", async () => {
    const own = await api.call("T0002", "GET", `/teachers/${teacherId}/export`);
    expect(own.status).toBe(200);
    expect(own.body.teacher).toMatchObject({ employeeNumber: "T0002", name: "王强", mobileOnFile: true });
    expect(own.body.chatAccounts).toEqual([expect.objectContaining({ platform: "wecom", platformUserId: CHAT_ID })]);
    expect(own.body.submissions.map((s: { link: string }) => s.link)).toContain(LINK);
    expect(own.body.ledgerEntries.length).toBeGreaterThan(0);
    expect(own.body.deliveries.map((d: { addressed: string }) => d.addressed).sort()).toEqual(["direct", "mentioned_in_group"]);
    expect(own.body.bindCodes).toHaveLength(1);
    expect(own.body.adminTokens).toHaveLength(1);
    expect(own.body.botSessions).toHaveLength(1);
    expect(own.body.audit.aboutThem.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(own.body);
    expect(text).not.toMatch(/hash-of-code|keyed-hash-of-a-mobile|tokenHash|codeHash/);
    expect(await api.database.prisma.auditLog.count({ where: { action: "export", entityId: teacherId } })).toBe(1);

    expect((await api.call("T0001", "GET", `/teachers/${teacherId}/export`)).status).toBe(200);
    expect((await api.call("T0006", "GET", `/teachers/${teacherId}/export`)).status).toBe(404);
    expect((await api.call("T0004", "GET", `/teachers/${teacherId}/export`)).status).toBe(404);
  });

  it("keeps another region's person with the same 工号 out of the export, and a school admin out of a region admin's record", async () => {
    const { prisma } = api.database;
    const elsewhere = await prisma.region.create({ data: { code: "other-county", name: "另一个县", policy: "bozhou" } });
    await prisma.teacher.create({ data: { regionId: elsewhere.id, employeeNumber: "T0002", name: "孙明" } });
    await prisma.auditLog.create({ data: { actor: "T0002", regionId: elsewhere.id, action: "unbind", entity: "chat_identity", entityId: "y", detail: { platformUserId: "someone-elses-account" } } });
    await prisma.auditLog.create({ data: { actor: "T0002", regionId: (await prisma.teacher.findUniqueOrThrow({ where: { id: teacherId } })).regionId, action: "submit", entity: "submission", entityId: "z" } });
    const own = await api.call("T0002", "GET", `/teachers/${teacherId}/export`);
    const byThem = own.body.audit.byThem as { action: string; regionId: string }[];
    expect(byThem.map((row) => row.action)).toContain("submit");
    expect(byThem.every((row) => row.regionId !== elsewhere.id)).toBe(true);
    expect(JSON.stringify(own.body)).not.toContain("someone-elses-account");

    // A region admin on S01's staff is within the school admin's scope, but her record is not the school admin's to read.
    await prisma.teacher.update({ where: { id: api.ids.A0001! }, data: { schoolId: (await prisma.teacher.findUniqueOrThrow({ where: { id: api.ids.T0001! } })).schoolId } });
    expect(await api.call("T0001", "GET", `/teachers/${api.ids.A0001}/export`)).toMatchObject({ status: 403, body: { error: "forbidden_target_role" } });
    expect((await api.call("A0001", "GET", `/teachers/${api.ids.A0001}/export`)).status).toBe(200);
    await prisma.teacher.update({ where: { id: api.ids.A0001! }, data: { schoolId: null } });
  });

  it("lets only a region admin erase, never themself", async () => {
    const before = await api.database.prisma.auditLog.count();
    expect((await api.call("T0001", "POST", `/teachers/${teacherId}/erase`)).status).toBe(403);
    expect((await api.call("T0002", "POST", `/teachers/${teacherId}/erase`)).status).toBe(403);
    const self = await api.call("A0001", "POST", `/teachers/${api.ids.A0001}/erase`);
    expect(self).toMatchObject({ status: 403, body: { error: "cannot_erase_self" } });
    expect(await api.database.prisma.auditLog.count()).toBe(before);
    expect((await api.database.prisma.teacher.findUniqueOrThrow({ where: { id: teacherId } })).erasedAt).toBeNull();
  });

  it("erases the name, mobile hash, chat ids, links, messages and sessions from every table, keeping the ledger's numbers", async () => {
    const { prisma } = api.database;
    const balanceBefore = await api.call("A0001", "GET", `/teachers/${teacherId}/balance`);
    const ledgerBefore = JSON.stringify(await prisma.ledgerEntry.findMany({ orderBy: { id: "asc" } }));
    expect(await everything(prisma)).toContain(LINK);

    const erased = await api.call("A0001", "POST", `/teachers/${teacherId}/erase`);
    expect(erased).toMatchObject({ status: 200, body: { teacherId, alreadyErased: false } });

    const all = await everything(prisma);
    for (const gone of ["王强", CHAT_ID, LINK, "keyed-hash-of-a-mobile"]) expect(all).not.toContain(gone);
    expect(JSON.stringify(await prisma.ledgerEntry.findMany({ orderBy: { id: "asc" } }))).toBe(ledgerBefore);
    const balanceAfter = await api.call("A0001", "GET", `/teachers/${teacherId}/balance`);
    const { name: nameBefore, ...numbersBefore } = balanceBefore.body;
    const { name: nameAfter, ...numbersAfter } = balanceAfter.body;
    expect(numbersAfter).toEqual(numbersBefore);
    expect([nameBefore, nameAfter]).toEqual(["王强", `已删除 ${teacherId.slice(0, 8)}`]);

    const person = await prisma.teacher.findUniqueOrThrow({ where: { id: teacherId } });
    expect(person).toMatchObject({ active: false, mobileHash: null, employeeNumber: "T0002" });
    expect(person.erasedAt).not.toBeNull();
    expect(await prisma.chatIdentity.count({ where: { teacherId } })).toBe(0);
    expect(await prisma.botSession.count({ where: { senderId: CHAT_ID } })).toBe(0);
    expect(await prisma.delivery.findUniqueOrThrow({ where: { idempotencyKey: "dm-1" } })).toMatchObject({ content: "", purgedAt: expect.any(Date) });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { idempotencyKey: "late-1" } })).toMatchObject({ mentions: ["lina"] });
    expect(await prisma.bindCode.count({ where: { teacherId, voidedAt: null } })).toBe(0);
    expect((await api.call("T0002", "GET", `/teachers/${teacherId}/export`)).status).toBe(401);

    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: "erase", entityId: teacherId } });
    expect(row.actor).toBe("A0001");
    expect(row.detail).toMatchObject({ chatAccounts: 1, submissions: 1, directMessages: 1, botSessions: 1 });

    const exported = await api.call("A0001", "GET", `/teachers/${teacherId}/export`);
    expect(JSON.stringify(exported.body)).not.toContain(LINK);
    expect(exported.body.teacher.erasedAt).not.toBeNull();
  });

  it("erasing again changes nothing", async () => {
    const { prisma } = api.database;
    const before = await everything(prisma);
    const again = await api.call("A0001", "POST", `/teachers/${teacherId}/erase`);
    expect(again).toMatchObject({ status: 200, body: { teacherId, alreadyErased: true } });
    expect(await everything(prisma)).toBe(before);
  });

  it("keeps an erased person erased: neither a PATCH nor a roster line brings the name back", async () => {
    const { prisma } = api.database;
    const before = await everything(prisma);
    const patched = await api.call("A0001", "PATCH", `/teachers/${teacherId}`, { name: "王强", active: true });
    expect(patched).toMatchObject({ status: 409, body: { error: "teacher_erased" } });
    const roster = Buffer.from("\ufeff工号,姓名,学校\nT0002,王强,S01\n", "utf8");
    const imported = await fetch(`${api.base}/api/admin/imports/teachers?filename=roster.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.tokens.A0001}` },
      body: roster,
    });
    const report = (await imported.json()) as { applied: boolean; errors: { row: number; message: string }[] };
    expect(report.applied).toBe(false);
    expect(report.errors[0]?.message).toContain("已按本人要求删除");
    expect(await everything(prisma)).toBe(before);
  });
});

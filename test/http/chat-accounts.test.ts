import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoordination } from "../../src/coordination/index.js";
import { bindChatAccount } from "../../src/domain/binding.js";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds, type TestDatabase } from "../support/database.js";
import { capturingLogger } from "../support/logger.js";
import { testSecretBox } from "../support/secrets.js";

describe.each(databaseKinds)("chat accounts through the admin API on %s", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let database: TestDatabase;
  let ids: Record<string, string>;
  let call: typeof api.call;
  const now = new Date("2026-11-23T02:00:00Z");

  beforeAll(async () => {
    api = await startAdminApi(kind, now);
    ({ database, ids, call } = api);
  });
  afterAll(async () => api?.close());

  const bind = (platformUserId: string, employeeNumber: string, code?: string) =>
    bindChatAccount(
      { prisma: database.prisma, secrets: testSecretBox(), rateLimiter: createCoordination().rateLimiter, logger: capturingLogger().logger },
      { platform: "wecom", platformUserId, employeeNumber, now, ...(code ? { code } : {}) },
    );
  const codeFor = async (employeeNumber: string) => (await call("A0001", "POST", `/teachers/${ids[employeeNumber]}/bind-code`)).body.code as string;

  it("issues a one-time bind code, shown once and audited without the code", async () => {
    const issued = await call("T0001", "POST", `/teachers/${ids.T0003}/bind-code`);
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^\d{6}$/);
    expect(issued.body.expiresAt).toBe("2026-11-24T02:00:00.000Z");
    const stored = await database.prisma.bindCode.findMany({ where: { teacherId: ids.T0003 } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(issued.body.code);
    const audits = await database.prisma.auditLog.findMany({ where: { entity: "bind_code" } });
    expect(audits).toMatchObject([{ actor: "T0001", action: "issue", entityId: ids.T0003 }]);
    expect(JSON.stringify(audits)).not.toContain(issued.body.code);
  });

  it("lets a region admin issue codes anywhere, a school admin only in their school, and nobody else", async () => {
    expect((await call("A0001", "POST", `/teachers/${ids.T0007}/bind-code`)).status).toBe(201);
    expect((await call("T0006", "POST", `/teachers/${ids.T0007}/bind-code`)).status).toBe(201);
    expect((await call("T0001", "POST", `/teachers/${ids.T0007}/bind-code`)).status).toBe(404);
    expect((await call("T0004", "POST", `/teachers/${ids.T0003}/bind-code`)).status).toBe(403);
    expect((await call("T0002", "POST", `/teachers/${ids.T0002}/bind-code`)).status).toBe(403);
    expect((await call("A0001", "POST", "/teachers/00000000-0000-4000-8000-000000000000/bind-code")).status).toBe(404);
  });

  it("refuses a code for a teacher who has left", async () => {
    await database.prisma.teacher.update({ where: { id: ids.T0009 }, data: { active: false } });
    try {
      expect(await call("A0001", "POST", `/teachers/${ids.T0009}/bind-code`)).toMatchObject({ status: 409, body: { error: "teacher_inactive" } });
    } finally {
      await database.prisma.teacher.update({ where: { id: ids.T0009 }, data: { active: true } });
    }
  });

  it("makes binding need a code once the region says so, and the issued code works", async () => {
    expect((await call("T0001", "PATCH", "/region", { bindingRequiresCode: true })).status).toBe(403);
    const bad = await call("A0001", "PATCH", "/region", { bindingRequiresCode: "yes" });
    expect(bad).toMatchObject({ status: 400, body: { field: "bindingRequiresCode" } });
    const changed = await call("A0001", "PATCH", "/region", { bindingRequiresCode: true });
    expect(changed).toMatchObject({ status: 200, body: { code: "demo-bozhou", bindingRequiresCode: true } });
    expect(await database.prisma.auditLog.count({ where: { entity: "region", action: "update" } })).toBe(1);

    expect(await bind("wx-chen", "T0005")).toEqual({ kind: "code_needed" });
    const { body } = await call("T0001", "POST", `/teachers/${ids.T0005}/bind-code`);
    expect(await bind("wx-chen", "T0005", body.code)).toMatchObject({ kind: "bound", teacher: { employeeNumber: "T0005" } });

    await call("A0001", "PATCH", "/region", { bindingRequiresCode: false });
  });

  it("lets only the region admin keep late-lists in groups to counts, audited", async () => {
    expect((await call("T0001", "PATCH", "/region", { lateListInGroups: "counts" })).status).toBe(403);
    expect(await call("A0001", "PATCH", "/region", { lateListInGroups: "initials" })).toMatchObject({ status: 400, body: { field: "lateListInGroups" } });
    expect((await call("A0001", "PATCH", "/region", {})).status).toBe(400);
    const changed = await call("A0001", "PATCH", "/region", { lateListInGroups: "counts" });
    expect(changed).toMatchObject({ status: 200, body: { lateListInGroups: "counts" } });
    expect(await database.prisma.region.findFirstOrThrow()).toMatchObject({ lateListInGroups: "counts" });
    expect(await database.prisma.auditLog.findFirst({ where: { entity: "region", detail: { equals: { lateListInGroups: "counts" } } } })).toMatchObject({ actor: "A0001" });
    await call("A0001", "PATCH", "/region", { lateListInGroups: "names" });
  });

  it("lists a teacher's chat accounts to admins in scope and to the teacher themself", async () => {
    expect(await bind("wx-wang", "T0002", await codeFor("T0002"))).toMatchObject({ kind: "bound" });
    const listed = await call("T0001", "GET", `/teachers/${ids.T0002}/chat-accounts`);
    expect(listed).toMatchObject({ status: 200, body: { accounts: [{ platform: "wecom", platformUserId: "wx-wang" }] } });
    expect((await call("T0002", "GET", `/teachers/${ids.T0002}/chat-accounts`)).body.accounts).toHaveLength(1);
    expect((await call("T0006", "GET", `/teachers/${ids.T0002}/chat-accounts`)).status).toBe(404);
    expect((await call("T0002", "GET", `/teachers/${ids.T0003}/chat-accounts`)).status).toBe(404);
  });

  it("unbinds an account, audited, so the teacher can bind a new one", async () => {
    const [account] = (await call("A0001", "GET", `/teachers/${ids.T0002}/chat-accounts`)).body.accounts;
    expect((await call("T0002", "DELETE", `/teachers/${ids.T0002}/chat-accounts/${account.id}`)).status).toBe(403);
    expect((await call("T0006", "DELETE", `/teachers/${ids.T0002}/chat-accounts/${account.id}`)).status).toBe(404);
    expect((await call("T0001", "DELETE", `/teachers/${ids.T0003}/chat-accounts/${account.id}`)).status).toBe(404);
    const newPhoneCode = await codeFor("T0002");
    expect(await bind("wx-wang-new-phone", "T0002", newPhoneCode)).toEqual({ kind: "failed" });

    expect((await call("T0001", "DELETE", `/teachers/${ids.T0002}/chat-accounts/${account.id}`)).status).toBe(204);
    expect((await call("T0001", "GET", `/teachers/${ids.T0002}/chat-accounts`)).body.accounts).toEqual([]);
    const audits = await database.prisma.auditLog.findMany({ where: { entity: "chat_identity", action: "unbind" } });
    expect(audits).toMatchObject([{ actor: "T0001", action: "unbind", entityId: account.id, detail: { platformUserId: "wx-wang" } }]);
    expect(await bind("wx-wang-new-phone", "T0002", newPhoneCode)).toMatchObject({ kind: "bound" });
    expect((await call("T0001", "DELETE", `/teachers/${ids.T0002}/chat-accounts/${account.id}`)).status).toBe(404);
  });
});

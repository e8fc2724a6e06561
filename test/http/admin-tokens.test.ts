import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAdminToken, revokeAdminToken } from "../../src/domain/admin-tokens.js";
import { startAdminApi } from "../support/admin-api.js";

const NOW = new Date("2026-11-23T02:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

describe("admin tokens expire and can be listed", () => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  beforeAll(async () => {
    api = await startAdminApi("embedded", NOW);
  });
  afterAll(async () => api?.close());

  it("gives a token 90 days by default, or what the issuer asks for within 1–365", async () => {
    const issued = await api.call("A0001", "POST", "/tokens", { teacherId: api.ids.T0006, label: "默认期限" });
    expect(issued.status).toBe(201);
    expect(issued.body.expiresAt).toBe(new Date(NOW.getTime() + 90 * DAY).toISOString());
    const short = await api.call("A0001", "POST", "/tokens", { teacherId: api.ids.T0006, label: "一周", expiresInDays: 7 });
    expect(short.body.expiresAt).toBe(new Date(NOW.getTime() + 7 * DAY).toISOString());
    const before = await api.database.prisma.adminToken.count();
    for (const expiresInDays of [0, 366, 1.5, "30"]) {
      const refused = await api.call("A0001", "POST", "/tokens", { teacherId: api.ids.T0006, label: "x", expiresInDays });
      expect(refused).toMatchObject({ status: 400, body: { field: "expiresInDays" } });
    }
    expect(await api.database.prisma.adminToken.count()).toBe(before);
  });

  it("refuses an expired token with 401 saying it expired, and accepts it until the instant it expires", async () => {
    const expired = await issueAdminToken(api.database.prisma, { teacherId: api.ids.T0001!, label: "过期", createdBy: "test", expiresInDays: 1 }, new Date(NOW.getTime() - DAY));
    const refused = await api.call(expired.token, "GET", "/schools");
    expect(refused).toMatchObject({ status: 401, body: { error: "unauthorized", field: "authorization" } });
    expect(refused.body.message).toMatch(/^令牌已过期/);
    // No advice to call an endpoint the expired token cannot reach.
    expect(refused.body.message).not.toMatch(/GET|\/api\//);
    const lastMinute = await issueAdminToken(api.database.prisma, { teacherId: api.ids.T0001!, label: "还差一分钟", createdBy: "test", expiresInDays: 1 }, new Date(NOW.getTime() - DAY + 60_000));
    expect((await api.call(lastMinute.token, "GET", "/schools")).status).toBe(200);
    expect((await api.call("jjat_never-issued", "GET", "/schools")).body.message).toBe("令牌无效或已吊销。");
  });

  it("lists a person's own tokens to them and every token of the region to a region admin, never the token or its hash", async () => {
    const mine = await api.call("T0002", "GET", "/tokens");
    expect(mine.status).toBe(200);
    expect(mine.body.tokens.map((token: { employeeNumber: string }) => token.employeeNumber)).toEqual(["T0002"]);
    expect(mine.body.tokens[0]).toMatchObject({ label: "test", teacherId: api.ids.T0002, createdBy: "test", revokedAt: null });
    expect(mine.body.tokens[0].lastUsedAt).toBe(NOW.toISOString());
    expect(Object.keys(mine.body.tokens[0]).sort()).toEqual(
      ["createdAt", "createdBy", "employeeNumber", "expiresAt", "id", "label", "lastUsedAt", "name", "revokedAt", "teacherId"].sort(),
    );

    const all = await api.call("A0001", "GET", "/tokens");
    const rows = await api.database.prisma.adminToken.findMany();
    expect(all.body.tokens).toHaveLength(rows.length);
    const text = JSON.stringify(all.body);
    for (const row of rows) expect(text).not.toContain(row.tokenHash);
    for (const token of Object.values(api.tokens)) expect(text).not.toContain(token);
    const schoolAdmin = await api.call("T0001", "GET", "/tokens");
    expect(new Set(schoolAdmin.body.tokens.map((token: { teacherId: string }) => token.teacherId))).toEqual(new Set([api.ids.T0001]));
  });
  it("issuing and revoking a token each write their audit row with the change, whoever calls (API or CLI)", async () => {
    const { prisma } = api.database;
    const viaApi = await api.call("A0001", "POST", "/tokens", { teacherId: api.ids.T0006, label: "审计" });
    expect(await prisma.auditLog.findMany({ where: { entityId: viaApi.body.id } })).toMatchObject([
      { actor: "A0001", action: "issue", entity: "admin_token", detail: { teacherId: api.ids.T0006, label: "审计" } },
    ]);
    expect((await api.call("A0001", "DELETE", `/tokens/${viaApi.body.id}`)).status).toBe(204);
    expect((await prisma.auditLog.findMany({ where: { entityId: viaApi.body.id }, orderBy: { at: "asc" } })).map((row) => row.action)).toEqual(["issue", "revoke"]);

    // The CLI calls the same domain functions: the audit row comes with the token, not from the caller.
    const direct = await issueAdminToken(prisma, { teacherId: api.ids.T0006!, label: "命令行", createdBy: "cli" }, NOW);
    const { regionId } = await prisma.teacher.findUniqueOrThrow({ where: { id: api.ids.T0006! } });
    await revokeAdminToken(prisma, { employeeNumber: "cli", regionId }, direct.id, NOW);
    expect((await prisma.auditLog.findMany({ where: { entityId: direct.id }, orderBy: { at: "asc" } })).map((row) => [row.actor, row.action, row.regionId])).toEqual([["cli", "issue", regionId], ["cli", "revoke", regionId]]);
  });
});

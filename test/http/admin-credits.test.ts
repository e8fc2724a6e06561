import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESETS } from "../../src/credits/presets/index.js";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds } from "../support/database.js";

describe.each(databaseKinds)("admin API credit endpoints on %s", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  beforeAll(async () => {
    api = await startAdminApi(kind);
  });
  afterAll(async () => api?.close());

  it("gives a teacher's balance as the engine's breakdown, to them and to their admins only", async () => {
    const { call, ids } = api;
    const own = await call("T0002", "GET", `/teachers/${ids.T0002}/balance`);
    expect(own.status).toBe(200);
    // Demo T0002: five years of 20 credits, one provincial 优秀 (+15 % of 10) and four 合格 (+5 % of 10): 103.5.
    expect(own.body).toMatchObject({ employeeNumber: "T0002", unit: "credit", met: true, total: { earned: 103.5, required: 90 } });
    expect(own.body.records[0].explain).toMatch(/学时 ÷ \d = /);
    expect((await call("T0001", "GET", `/teachers/${ids.T0002}/balance`)).status).toBe(200);
    expect((await call("T0006", "GET", `/teachers/${ids.T0002}/balance`)).status).toBe(404);
    expect((await call("T0002", "GET", `/teachers/${ids.T0003}/balance`)).status).toBe(404);
    const bad = await call("A0001", "GET", `/teachers/${ids.T0002}/balance?asOf=2026-13`);
    expect(bad.body).toMatchObject({ error: "invalid_request", field: "query.asOf" });
  });

  it("explains what a short teacher is missing, as of any date", async () => {
    const short = await api.call("A0001", "GET", `/teachers/${api.ids.T0005}/balance`);
    expect(short.body.met).toBe(false);
    expect(short.body.shortfalls.map((s: { rule: string; key: string }) => `${s.rule} ${s.key}`)).toEqual(["B2 floor:it_integration"]);
    const earlier = await api.call("A0001", "GET", `/teachers/${api.ids.T0002}/balance?asOf=2024-12-31`);
    expect(earlier.body.total.earned).toBeLessThan(103.5);
    expect(earlier.body.asOf).toBe("2024-12-31");
  });

  it("reports a school teacher by teacher, for the region and that school's admin only", async () => {
    const s01 = (await api.database.prisma.school.findFirstOrThrow({ where: { code: "S01" } })).id;
    const report = await api.call("T0001", "GET", `/schools/${s01}/report`);
    expect(report.status).toBe(200);
    expect(report.body.teachers.map((t: { employeeNumber: string; met: boolean }) => [t.employeeNumber, t.met])).toEqual([
      ["T0001", true], ["T0002", true], ["T0003", false], ["T0004", true], ["T0005", false],
    ]);
    expect(report.body.summary).toEqual({ teachers: 5, met: 3 });
    const t0003 = report.body.teachers[2];
    expect(t0003.missing).toBeCloseTo(90 - t0003.earned, 2);
    expect((await api.call("T0006", "GET", `/schools/${s01}/report`)).status).toBe(404);
    expect((await api.call("T0002", "GET", `/schools/${s01}/report`)).status).toBe(403);
  });

  it("records project results once, refusing grades beyond the B8 quota", async () => {
    const { call, ids, database } = api;
    const project = await database.prisma.trainingProject.findFirstOrThrow({ where: { code: "P2026-01" } });
    const s02 = ["T0006", "T0007", "T0008", "T0009", "T0010"].map((who) => ids[who]!);
    // 5 participants: at most floor(30 % × 5) = 1 good-or-better and floor(15 % × 5) = 0 excellent.
    const tooGood = await call("A0001", "POST", `/projects/${project.id}/results`, {
      results: s02.map((teacherId, i) => ({ teacherId, result: i < 2 ? "good" : "pass" })),
    });
    expect(tooGood).toMatchObject({ status: 409, body: { error: "grade_quota_exceeded", field: "results" } });
    expect(tooGood.body.message).toContain("良好及以上最多 1 人");
    expect(await database.prisma.ledgerEntry.count({ where: { projectId: project.id } })).toBe(0);

    const body = { results: s02.map((teacherId, i) => ({ teacherId, result: i === 0 ? "good" : "pass", leaveHours: i === 4 ? 4 : 0 })) };
    const first = await call("A0001", "POST", `/projects/${project.id}/results`, body);
    expect(first.status).toBe(201);
    expect(first.body.created).toHaveLength(5);
    expect(first.body.created[4]).toMatchObject({ hours: 40, leaveHours: 4, approved: true, source: "manual" });
    const again = await call("A0001", "POST", `/projects/${project.id}/results`, body);
    expect(again.body).toEqual({ created: [], unchanged: 5 });
    expect(await database.prisma.ledgerEntry.count({ where: { projectId: project.id } })).toBe(5);

    const changed = await call("A0001", "POST", `/projects/${project.id}/results`, { results: [{ teacherId: s02[1], result: "fail" }] });
    expect(changed).toMatchObject({ status: 409, body: { error: "result_conflict" } });
    expect((await call("T0006", "POST", `/projects/${project.id}/results`, body)).status).toBe(403);
  });

  it("lets a corrected result replace a reversed one", async () => {
    const { call, ids, database } = api;
    const project = await database.prisma.trainingProject.findFirstOrThrow({ where: { code: "P2026-01" } });
    const entry = await database.prisma.ledgerEntry.findFirstOrThrow({ where: { projectId: project.id, teacherId: ids.T0007 } });
    await call("A0001", "POST", `/ledger/${entry.id}/reversal`, { reason: "成绩录错" });
    const corrected = await call("A0001", "POST", `/projects/${project.id}/results`, { results: [{ teacherId: ids.T0007, result: "fail" }] });
    expect(corrected.status).toBe(201);
    expect(corrected.body.created[0].result).toBe("fail");
  });

  it("switches the region's rules to a preset or a custom policy, listing every problem of a bad one", async () => {
    const { call } = api;
    expect((await call("T0001", "PUT", "/region/policy", { preset: "yunyang" })).status).toBe(403);
    const unknown = await call("A0001", "PUT", "/region/policy", { preset: "atlantis" });
    expect(unknown.body).toMatchObject({ error: "unknown_preset", field: "preset" });
    const broken = { ...PRESETS.bozhou, total: { required: -5, source: "B1" }, unit: "furlong" };
    const invalid = await call("A0001", "PUT", "/region/policy", { policy: broken });
    expect(invalid.body.error).toBe("invalid_policy");
    expect(invalid.body.message).toMatch(/2 处问题/);
    expect(invalid.body.message).toMatch(/total\.required/);
    expect(invalid.body.message).toMatch(/unit/);

    const inexact = { ...PRESETS.bozhou, conversion: { hoursPerCredit: { centralized: 10.31, online: 2.06 }, source: "本地文件" } };
    const refused = await call("A0001", "PUT", "/region/policy", { policy: inexact });
    expect(refused.status).toBe(invalid.status);
    expect(refused.body.error).toBe("invalid_policy");
    expect(refused.body.message).toMatch(/conversion\.hoursPerCredit/);

    const custom = { ...PRESETS.bozhou, id: "bozhou-2027", total: { required: 100, source: "本地文件" } };
    expect((await call("A0001", "PUT", "/region/policy", { policy: custom })).body).toEqual({ preset: "bozhou-2027", custom: true });
    const balance = await call("T0002", "GET", `/teachers/${api.ids.T0002}/balance`);
    expect(balance.body.total.required).toBe(100);
    expect((await call("A0001", "GET", "/region")).body).toMatchObject({ preset: "bozhou-2027", custom: true });
  });

  it("certifies a year once per teacher", async () => {
    const first = await api.call("A0001", "POST", "/certifications", { year: 2025 });
    expect(first.body.certified).toBe(11);
    const second = await api.call("A0001", "POST", "/certifications", { year: 2025 });
    expect(second.body).toEqual({ certified: 0, alreadyCertified: 11 });
    expect((await api.call("A0001", "POST", "/certifications", { year: 2030 })).body.field).toBe("year");
    expect((await api.call("T0001", "POST", "/certifications", { year: 2025 })).status).toBe(403);
  });
});

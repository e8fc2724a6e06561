import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds, type TestDatabase } from "../support/database.js";

describe.each(databaseKinds)("admin API on %s", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let database: TestDatabase;
  let ids: Record<string, string>;
  let call: typeof api.call;

  beforeAll(async () => {
    api = await startAdminApi(kind);
    ({ database, ids, call } = api);
  });
  afterAll(async () => api?.close());

  it("refuses requests without a valid token", async () => {
    expect((await call(null, "GET", "/teachers")).status).toBe(401);
    const forged = await call("jjat_forged-token-value", "GET", "/teachers");
    expect(forged).toMatchObject({ status: 401, body: { error: "unauthorized", field: "authorization" } });
  });

  it("shows a region admin every teacher and a school admin only their school", async () => {
    const region = await call("A0001", "GET", "/teachers");
    expect(region.body.total).toBe(11);
    const school = await call("T0001", "GET", "/teachers");
    expect(school.body.teachers.map((t: { employeeNumber: string }) => t.employeeNumber)).toEqual(["T0001", "T0002", "T0003", "T0004", "T0005"]);
    expect((await call("T0001", "GET", `/teachers/${ids.T0006}`)).status).toBe(404);
  });

  it("lets a teacher read only their own record and ledger", async () => {
    expect((await call("T0002", "GET", "/teachers")).status).toBe(403);
    expect((await call("T0002", "GET", `/teachers/${ids.T0002}`)).body.employeeNumber).toBe("T0002");
    expect((await call("T0002", "GET", `/teachers/${ids.T0003}`)).status).toBe(404);
    expect((await call("T0002", "GET", `/teachers/${ids.T0002}/ledger`)).body.entries.length).toBeGreaterThan(0);
    expect((await call("T0002", "GET", `/teachers/${ids.T0001}/ledger`)).status).toBe(404);
  });

  it("validates bodies and names the field, in Chinese", async () => {
    const missing = await call("A0001", "POST", "/teachers", { name: "新老师" });
    expect(missing).toMatchObject({ status: 400, body: { error: "invalid_request", field: "employeeNumber" } });
    expect(missing.body.message).toContain("必填");
    const garbage = await call("A0001", "POST", "/teachers", "{not json");
    expect(garbage.body).toMatchObject({ field: "(body)", message: "请求体不是合法的 JSON。" });
    const taken = await call("A0001", "POST", "/teachers", { employeeNumber: "T0001", name: "重名" });
    expect(taken).toMatchObject({ status: 409, body: { error: "employee_number_taken", field: "employeeNumber" } });
  });

  it("lets a school admin add a teacher to their own school only", async () => {
    const created = await call("T0001", "POST", "/teachers", { employeeNumber: "T0101", name: "新同事" });
    expect(created.status).toBe(201);
    const school = await database.prisma.teacher.findUniqueOrThrow({ where: { id: created.body.id } });
    const admin = await database.prisma.teacher.findUniqueOrThrow({ where: { id: ids.T0001 } });
    expect(school.schoolId).toBe(admin.schoolId);
    const elsewhere = await database.prisma.teacher.findUniqueOrThrow({ where: { id: ids.T0006 } });
    const refused = await call("T0001", "POST", "/teachers", { employeeNumber: "T0102", name: "外校", schoolId: elsewhere.schoolId });
    expect(refused).toMatchObject({ status: 403, body: { field: "schoolId" } });
    const promoted = await call("T0001", "PATCH", `/teachers/${created.body.id}`, { roles: ["region_admin"] });
    expect(promoted.status).toBe(403);
    const audits = await database.prisma.auditLog.findMany({ where: { entityId: created.body.id } });
    expect(audits.map((a) => [a.actor, a.action])).toEqual([["T0001", "create"]]);
  });

  it("creates, approves and enrolls in a project, respecting the quota", async () => {
    const body = { code: "p2026-09", title: "测试培训", level: "county", mode: "centralized", category: "required", hours: 24, startsOn: "2026-12-20", endsOn: "2026-12-22", enrollmentDeadline: "2026-12-10", quota: 1 };
    expect((await call("T0001", "POST", "/projects", body)).status).toBe(403);
    const bad = await call("A0001", "POST", "/projects", { ...body, endsOn: "2026-12-01" });
    expect(bad.body).toMatchObject({ field: "endsOn", message: "endsOn：结束日期不能早于开始日期" });
    const project = await call("A0001", "POST", "/projects", body);
    expect(project).toMatchObject({ status: 201, body: { code: "P2026-09", approved: false } });
    const early = await call("A0001", "POST", `/projects/${project.body.id}/enrollments`, { teacherId: ids.T0002 });
    expect(early).toMatchObject({ status: 422, body: { error: "project_not_approved" } });
    await call("A0001", "POST", `/projects/${project.body.id}/approve`);
    const first = await call("T0001", "POST", `/projects/${project.body.id}/enrollments`, { teacherId: ids.T0002 });
    expect(first).toMatchObject({ status: 201, body: { seatsLeft: 0 } });
    const full = await call("A0001", "POST", `/projects/${project.body.id}/enrollments`, { teacherId: ids.T0007 });
    expect(full).toMatchObject({ status: 409, body: { error: "quota_full" } });
    const otherSchool = await call("T0001", "POST", `/projects/${project.body.id}/enrollments`, { teacherId: ids.T0007 });
    expect(otherSchool.status).toBe(404);
  });

  it("records a manual entry once per idempotency key and reverses it with a reason", async () => {
    const entry = { date: "2026-10-10", mode: "online", category: "elective", level: "county", hours: 6, result: "pass", approved: true, idempotencyKey: "manual-test-0001" };
    const first = await call("A0001", "POST", `/teachers/${ids.T0003}/ledger`, entry);
    const again = await call("A0001", "POST", `/teachers/${ids.T0003}/ledger`, entry);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect((await call("T0001", "POST", `/ledger/${first.body.id}/reversal`, { reason: "录错" })).status).toBe(403);
    const noReason = await call("A0001", "POST", `/ledger/${first.body.id}/reversal`, { reason: "" });
    expect(noReason.body).toMatchObject({ error: "reason_required", field: "reason" });
    const reversal = await call("A0001", "POST", `/ledger/${first.body.id}/reversal`, { reason: "录错" });
    expect(reversal).toMatchObject({ status: 201, body: { reversesId: first.body.id, reason: "录错", hours: 6 } });
    const tooMuchLeave = await call("A0001", "POST", `/teachers/${ids.T0003}/ledger`, { ...entry, idempotencyKey: undefined, leaveHours: 7 });
    expect(tooMuchLeave.body.field).toBe("leaveHours");
  });

  it("lets only reviewers score submissions", async () => {
    const [assignment] = await database.prisma.assignment.findMany();
    const submission = await database.prisma.submission.create({ data: { assignmentId: assignment!.id, teacherId: ids.T0002!, link: "https://example.cn/a" } });
    expect((await call("T0001", "POST", `/submissions/${submission.id}/review`, { decision: "approved", score: 15 })).status).toBe(403);
    const list = await call("T0004", "GET", `/assignments/${assignment!.id}/submissions`);
    expect(list.body.submissions).toHaveLength(1);
    const scored = await call("T0004", "POST", `/submissions/${submission.id}/review`, { decision: "approved", score: 15 });
    expect(scored).toMatchObject({ status: 200, body: { status: "approved", score: 15 } });
  });

  it("issues tokens that work at once and stop working when revoked", async () => {
    expect((await call("T0001", "POST", "/tokens", { teacherId: ids.T0001, label: "x" })).status).toBe(403);
    const issued = await call("A0001", "POST", "/tokens", { teacherId: ids.T0006, label: "杨帆的令牌" });
    expect(issued.body.token).toMatch(/^jjat_/);
    const stored = await database.prisma.adminToken.findUniqueOrThrow({ where: { id: issued.body.id } });
    expect(stored.tokenHash).not.toContain(issued.body.token);
    expect((await call(issued.body.token, "GET", "/schools")).body.schools).toHaveLength(1);
    expect((await call("A0001", "DELETE", `/tokens/${issued.body.id}`)).status).toBe(204);
    expect((await call(issued.body.token, "GET", "/schools")).status).toBe(401);
  });
});

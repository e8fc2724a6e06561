import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../resilience/support.js";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds } from "../support/database.js";

/** Input hygiene in the admin API (issue 12): calendar dates, names without hidden characters, clean notices. */
describe.each(databaseKinds)("admin API input hygiene on %s", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  beforeAll(async () => {
    api = await startAdminApi(kind);
  });
  afterAll(async () => api?.close());

  const project = { code: "P-HYGIENE", title: "日期检查", level: "county", mode: "online", category: "elective", hours: 6, startsOn: "2026-12-20", endsOn: "2026-12-22" };
  const entry = { date: "2026-10-10", mode: "online", category: "elective", level: "county", hours: 6, result: "pass", approved: true };

  it.each(["2026-02-30", "2026-13-01", "2025-02-29", "2026-04-31", "2026-00-10"])("refuses the impossible date %s naming the field, and writes nothing", async (date) => {
    const before = await countRows(api.database.prisma);
    const created = await api.call("A0001", "POST", "/projects", { ...project, endsOn: date });
    expect(created).toMatchObject({ status: 400, body: { error: "invalid_request", field: "endsOn" } });
    expect(created.body.message).toMatch(/^endsOn：没有这一天/);
    const recorded = await api.call("A0001", "POST", `/teachers/${api.ids.T0003}/ledger`, { ...entry, date });
    expect(recorded).toMatchObject({ status: 400, body: { field: "date" } });
    const report = await api.call("A0001", "GET", `/teachers/${api.ids.T0003}/balance?asOf=${date}`);
    expect(report).toMatchObject({ status: 400, body: { field: "query.asOf" } });
    expect(await countRows(api.database.prisma)).toEqual(before);
  });

  it("accepts 29 February in a leap year and stores that very day", async () => {
    const recorded = await api.call("A0001", "POST", `/teachers/${api.ids.T0003}/ledger`, { ...entry, date: "2024-02-29", idempotencyKey: "hygiene-leap-day" });
    expect(recorded.status).toBe(201);
    const stored = await api.database.prisma.ledgerEntry.findUniqueOrThrow({ where: { id: recorded.body.id } });
    expect(stored.occurredOn.toISOString().slice(0, 10)).toBe("2024-02-29");
  });

  it.each([
    ["/schools", "name", { code: "S09", name: "博乐\u202e中学" }],
    ["/schools", "code", { code: "S\n09", name: "博乐九中" }],
    ["/projects", "title", { ...project, code: "P-NAME-1", title: "培训\u200b通知" }],
    ["/projects", "tags.0", { ...project, code: "P-NAME-2", tags: ["师德\u0000"] }],
    ["/groups", "chatId", { platform: "wecom", chatId: "wrk\u0000x", name: "七年级群" }],
    ["/groups", "name", { platform: "wecom", chatId: "wrk-ok", name: "七年级\n群" }],
    ["/tokens", "label", { teacherId: "(T0001)", label: "备份\u2066脚本" }],
  ] as const)("POST %s refuses a hidden character in %s and writes nothing", async (path, field, body) => {
    const before = await api.database.prisma.auditLog.count();
    const resolved = JSON.parse(JSON.stringify(body).replace("(T0001)", api.ids.T0001!));
    const refused = await api.call("A0001", "POST", path, resolved);
    expect(refused).toMatchObject({ status: 400, body: { error: "invalid_request", field } });
    expect(await api.database.prisma.auditLog.count()).toBe(before);
  });

  it("renames a school, a project and an assignment only to clean names", async () => {
    const school = (await api.call("A0001", "GET", "/schools")).body.schools[0];
    expect((await api.call("A0001", "PATCH", `/schools/${school.id}`, { name: "博乐一中\u0007" })).body.field).toBe("name");
    const created = await api.call("A0001", "POST", "/projects", { ...project, code: "P-RENAME" });
    expect((await api.call("A0001", "PATCH", `/projects/${created.body.id}`, { title: "改名\u202d" })).body.field).toBe("title");
    const assignment = await api.call("A0001", "POST", `/projects/${created.body.id}/assignments`, { title: "心得\r\n体会", kind: "reflection", dueOn: "2026-12-30" });
    expect(assignment).toMatchObject({ status: 400, body: { field: "title" } });
    expect((await api.call("A0001", "POST", `/projects/${created.body.id}/assignments`, { title: "心得", kind: "reflection", dueOn: "2026-02-30" })).body.field).toBe("dueOn");
  });

  it("keeps a notice's line breaks and removes control, zero-width and bidi characters before it is stored or sent", async () => {
    const group = await api.call("A0001", "POST", "/groups", { platform: "wecom", chatId: "wrk-hygiene-notice", name: "教研群" });
    const sent = await api.call("A0001", "POST", "/notices", { text: "\u200b周五下午\u0000教研\n请\u202e准时\u2066参加\u0007", target: "groups", groupIds: [group.body.id] });
    expect(sent).toMatchObject({ status: 201 });
    const notice = await api.database.prisma.notice.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(notice.text).toBe("周五下午教研\n请准时参加");
    const deliveries = await api.database.prisma.delivery.findMany({ where: { noticeId: notice.id } });
    for (const delivery of deliveries) expect(delivery.content.startsWith("周五下午教研\n请准时参加\n\n—— ")).toBe(true);
    const onlyInvisible = await api.call("A0001", "POST", "/notices", { text: "\u200b\u202e\u0000", target: "groups", groupIds: [group.body.id] });
    expect(onlyInvisible).toMatchObject({ status: 400, body: { field: "text" } });
  });

  it("strips NUL from notes and reasons instead of answering 500, and refuses it in an idempotency key", async () => {
    const noted = await api.call("A0001", "POST", `/teachers/${api.ids.T0003}/ledger`, { ...entry, note: "补\u0000录", idempotencyKey: "hygiene-note-0001" });
    expect(noted.status).toBe(201);
    const stored = await api.database.prisma.ledgerEntry.findUniqueOrThrow({ where: { id: noted.body.id } });
    expect(stored.sourceRef ?? "").not.toContain("\u0000");
    const reversed = await api.call("A0001", "POST", `/ledger/${noted.body.id}/reversal`, { reason: "录\u0000错" });
    expect(reversed).toMatchObject({ status: 201, body: { reason: "录错" } });
    const key = await api.call("A0001", "POST", `/teachers/${api.ids.T0003}/ledger`, { ...entry, idempotencyKey: "hygiene\u0000key" });
    expect(key).toMatchObject({ status: 400, body: { field: "idempotencyKey" } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds } from "../support/database.js";

describe.each(databaseKinds)("admin API groups and assessments on %s", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  beforeAll(async () => {
    api = await startAdminApi(kind);
  });
  afterAll(async () => api?.close());

  it("registers a group robot whose secrets are never read back", async () => {
    const created = await api.call("T0001", "POST", "/groups", {
      platform: "wecom",
      chatId: "wrk-grade7",
      name: "七年级语文组",
      delivery: { robotKey: "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa" },
    });
    expect(created.status).toBe(201);
    expect(created.body.delivery).toEqual({ robotKey: "(已设置)" });
    const s01 = await api.database.prisma.school.findFirstOrThrow({ where: { code: "S01" } });
    expect(created.body.schoolId).toBe(s01.id);
    const stored = await api.database.prisma.chatGroup.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.delivery).toEqual({ robotKey: "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa" });
    expect(JSON.stringify((await api.call("A0001", "GET", "/groups")).body)).not.toContain("693a91f6");
    expect((await api.call("T0006", "GET", "/groups")).body.groups).toEqual([]);
    expect((await api.call("T0006", "PATCH", `/groups/${created.body.id}`, { name: "x" })).status).toBe(404);
    expect((await api.call("T0002", "GET", "/groups")).status).toBe(403);
    await api.database.prisma.chatGroup.update({
      where: { id: created.body.id },
      data: { delivery: { robotKey: "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa", dead: { since: "2026-11-20", errcode: 93000, reason: "robot removed" } } },
    });
    const revived = await api.call("T0001", "PATCH", `/groups/${created.body.id}`, { delivery: { robotKey: "new-key-0123456789", dead: null } });
    expect(revived.body.delivery).toEqual({ robotKey: "(已设置)" });
    const duplicate = await api.call("A0001", "POST", "/groups", { platform: "wecom", chatId: "wrk-grade7" });
    expect(duplicate).toMatchObject({ status: 409, body: { field: "chatId" } });
  });

  it("records a semester assessment once and the engine awards its hours under the 兰西 rules", async () => {
    const { call, ids } = api;
    expect((await call("A0001", "PUT", "/region/policy", { preset: "lanxi" })).status).toBe(200);
    const bad = await call("T0001", "POST", `/teachers/${ids.T0002}/assessments`, { kind: "teacher_semester", term: "2026秋", date: "2026-11-20", score: 65 });
    expect(bad.body.field).toBe("term");
    const recorded = await call("T0001", "POST", `/teachers/${ids.T0002}/assessments`, { kind: "teacher_semester", term: "2026-autumn", date: "2026-11-20", score: 65 });
    expect(recorded.status).toBe(201);
    const again = await call("T0001", "POST", `/teachers/${ids.T0002}/assessments`, { kind: "teacher_semester", term: "2026-autumn", date: "2026-11-20", score: 70 });
    expect(again).toMatchObject({ status: 409, body: { error: "assessment_exists" } });
    expect((await call("T0006", "POST", `/teachers/${ids.T0002}/assessments`, { kind: "school_based", term: "2025-autumn", date: "2025-12-30", score: 90 })).status).toBe(404);
    const balance = await call("T0002", "GET", `/teachers/${ids.T0002}/balance`);
    // D2: a semester assessment of 60 or more awards 24 hours.
    expect(balance.body.assessments).toEqual([expect.objectContaining({ status: "awarded", hours: 24 })]);
    expect((await call("T0002", "GET", `/teachers/${ids.T0002}/assessments`)).body.assessments).toHaveLength(1);
  });
});

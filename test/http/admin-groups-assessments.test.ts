import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds } from "../support/database.js";
import { testSecretBox } from "../support/secrets.js";

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
    // Sealed at rest: the row holds no trace of the key, and only the service's key ring opens it.
    expect(JSON.stringify(stored.delivery)).not.toContain("693a91f6");
    expect(testSecretBox().open((stored.delivery as { robotKey: string }).robotKey)).toBe("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa");
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
    const revivedRow = await api.database.prisma.chatGroup.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(testSecretBox().open((revivedRow.delivery as { robotKey: string }).robotKey)).toBe("new-key-0123456789");
    const duplicate = await api.call("A0001", "POST", "/groups", { platform: "wecom", chatId: "wrk-grade7" });
    expect(duplicate).toMatchObject({ status: 409, body: { field: "chatId" } });
  });

  it("seals a DingTalk custom robot's token and secret, and a key stored in clear before sealing existed on the group's next write", async () => {
    const created = await api.call("A0001", "POST", "/groups", {
      platform: "dingtalk",
      chatId: "cid-sealed==",
      delivery: { customRobot: { accessToken: "custom-token-0123456789", secret: "SEC0123456789abcdef" } },
    });
    expect(created.body.delivery).toEqual({ customRobot: "(已设置)" });
    const stored = await api.database.prisma.chatGroup.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(JSON.stringify(stored.delivery)).not.toMatch(/custom-token|SEC0123/);
    const robot = (stored.delivery as { customRobot: { accessToken: string; secret: string } }).customRobot;
    expect([testSecretBox().open(robot.accessToken), testSecretBox().open(robot.secret)]).toEqual(["custom-token-0123456789", "SEC0123456789abcdef"]);

    const legacy = await api.database.prisma.chatGroup.create({
      data: { platform: "wecom", chatId: "wrk-legacy", regionId: stored.regionId, delivery: { robotKey: "legacy-clear-key-0123" } },
    });
    expect((await api.call("A0001", "PATCH", `/groups/${legacy.id}`, { name: "老的群" })).status).toBe(200);
    const resealed = await api.database.prisma.chatGroup.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(JSON.stringify(resealed.delivery)).not.toContain("legacy-clear-key");
    expect(testSecretBox().open((resealed.delivery as { robotKey: string }).robotKey)).toBe("legacy-clear-key-0123");
  });

  it("registers a group approved, shows status and external, and approves or sets back a discovered one, audited", async () => {
    const { call, database } = api;
    const prisma = database.prisma;
    const created = await call("T0001", "POST", "/groups", { platform: "dingtalk", chatId: "cid-grade8==" });
    expect(created).toMatchObject({ status: 201, body: { status: "approved", external: false, approvedBy: "T0001" } });
    expect(typeof created.body.approvedAt).toBe("string");
    // The group, its approval and one audit row, written together.
    expect(await prisma.auditLog.findMany({ where: { entityId: created.body.id } })).toMatchObject([{ actor: "T0001", action: "create", detail: { status: "approved", via: "api" } }]);

    const s01 = await prisma.school.findFirstOrThrow({ where: { code: "S01" } });
    const discovered = await prisma.chatGroup.create({ data: { platform: "wecom", chatId: "wrk-discovered", regionId: s01.regionId, schoolId: s01.id } });
    const listed = (await call("T0001", "GET", "/groups")).body.groups as { id: string; status: string; external: boolean }[];
    expect(listed.find((group) => group.id === discovered.id)).toMatchObject({ status: "pending", external: false, approvedBy: null, approvedAt: null });

    expect((await call("T0006", "PATCH", `/groups/${discovered.id}`, { status: "approved" })).status).toBe(404);
    expect((await call("T0002", "PATCH", `/groups/${discovered.id}`, { status: "approved" })).status).toBe(403);
    const bad = await call("T0001", "PATCH", `/groups/${discovered.id}`, { status: "yes" });
    expect(bad).toMatchObject({ status: 400, body: { field: "status" } });
    const approved = await call("T0001", "PATCH", `/groups/${discovered.id}`, { status: "approved" });
    expect(approved).toMatchObject({ status: 200, body: { status: "approved", approvedBy: "T0001" } });
    expect(await prisma.auditLog.findMany({ where: { entityId: discovered.id } })).toMatchObject([{ actor: "T0001", action: "approve", detail: { status: "approved", via: "api" } }]);
    // Renaming and approving in one PATCH is one change with one audit row.
    const renamed = await call("A0001", "PATCH", `/groups/${discovered.id}`, { name: "七年级群", status: "pending" });
    expect(renamed).toMatchObject({ status: 200, body: { name: "七年级群", status: "pending" } });
    expect(await prisma.auditLog.count({ where: { entityId: discovered.id } })).toBe(2);
    expect((await call("T0001", "PATCH", `/groups/${discovered.id}`, { status: "approved" })).status).toBe(200);
    const back = await call("A0001", "PATCH", `/groups/${discovered.id}`, { status: "pending" });
    expect(back).toMatchObject({ status: 200, body: { status: "pending", approvedBy: null, approvedAt: null } });
    expect(await prisma.auditLog.findFirst({ where: { entityId: discovered.id, action: "unapprove" } })).toMatchObject({ actor: "A0001" });

    // A group the platform said has outside members is never approved; the refusal writes nothing.
    const outside = await prisma.chatGroup.create({ data: { platform: "dingtalk", chatId: "cid-outside==", regionId: s01.regionId, schoolId: s01.id, external: true } });
    const auditsBefore = await prisma.auditLog.count();
    const refused = await call("A0001", "PATCH", `/groups/${outside.id}`, { status: "approved", name: "家长群" });
    expect(refused).toMatchObject({ status: 409, body: { error: "group_external", field: "status" } });
    expect(await prisma.chatGroup.findUniqueOrThrow({ where: { id: outside.id } })).toMatchObject({ status: "pending", name: null });
    expect(await prisma.auditLog.count()).toBe(auditsBefore);
  });

  it("refuses a notice naming a group nobody approved, and leaves such groups out of 全校 and 全区", async () => {
    const { call, database } = api;
    const s01 = await database.prisma.school.findFirstOrThrow({ where: { code: "S01" } });
    const pending = await database.prisma.chatGroup.create({ data: { platform: "wecom", chatId: "wrk-pending-notice", regionId: s01.regionId, schoolId: s01.id } });
    const named = await call("A0001", "POST", "/notices", { text: "周五开会", target: "groups", groupIds: [pending.id] });
    expect(named).toMatchObject({ status: 409, body: { error: "group_not_approved", field: "groupIds" } });
    const dry = await call("A0001", "POST", "/notices", { text: "周五开会", target: "region", dryRun: true });
    const approvedCount = await database.prisma.chatGroup.count({ where: { regionId: s01.regionId, status: "approved", external: false } });
    expect(dry.body.groups).toBe(approvedCount);
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

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApi } from "../support/admin-api.js";
import { databaseKinds } from "../support/database.js";

describe.each(databaseKinds)("PATCH /api/admin/region/schedule (%s)", (kind) => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  beforeAll(async () => {
    api = await startAdminApi(kind);
  });
  afterAll(async () => api?.close());

  it("lets the region admin move the weekly digest, the quiet hours and the nudge month", async () => {
    expect((await api.call("A0001", "GET", "/region/schedule")).body).toEqual({
      timezone: "Asia/Shanghai",
      weeklyDigestCron: "0 9 * * 1",
      quietHoursStart: "21:00",
      quietHoursEnd: "07:30",
      annualNudgeMonth: 11,
      appliesBy: "*/10 * * * *",
    });
    const changed = await api.call("A0001", "PATCH", "/region/schedule", { weeklyDigestCron: "30 8 * * 5", quietHoursStart: "22:00", annualNudgeMonth: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ weeklyDigestCron: "30 8 * * 5", quietHoursStart: "22:00", quietHoursEnd: "07:30", annualNudgeMonth: null });
    const region = await api.database.prisma.region.findFirstOrThrow();
    expect(region).toMatchObject({ weeklyDigestCron: "30 8 * * 5", quietHoursStart: "22:00", annualNudgeMonth: null });
    expect(await api.database.prisma.auditLog.count({ where: { entity: "region_schedule" } })).toBe(1);
  });

  it("refuses a bad cron, a bad time and anyone but a region admin", async () => {
    const badCron = await api.call("A0001", "PATCH", "/region/schedule", { weeklyDigestCron: "every monday" });
    expect(badCron).toMatchObject({ status: 422, body: { error: "invalid_cron", field: "weeklyDigestCron" } });
    const badTime = await api.call("A0001", "PATCH", "/region/schedule", { quietHoursEnd: "7:30" });
    expect(badTime).toMatchObject({ status: 400, body: { field: "quietHoursEnd" } });
    expect((await api.call("T0001", "PATCH", "/region/schedule", { annualNudgeMonth: 10 })).status).toBe(403);
  });
});

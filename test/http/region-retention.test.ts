import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApi } from "../support/admin-api.js";

describe("the region's retention setting", () => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  beforeAll(async () => {
    api = await startAdminApi("embedded");
  });
  afterAll(async () => api?.close());

  it("defaults to 180 days and is set by a region admin within 30–3650 days, audited", async () => {
    const region = () => api.database.prisma.region.findUniqueOrThrow({ where: { code: "demo-bozhou" } });
    expect((await region()).retentionDays).toBe(180);
    for (const retentionDays of [29, 3651, 90.5, "90", null]) {
      expect(await api.call("A0001", "PATCH", "/region", { retentionDays })).toMatchObject({ status: 400, body: { field: "retentionDays" } });
    }
    expect(await api.call("A0001", "PATCH", "/region", {})).toMatchObject({ status: 400, body: { field: "(body)" } });
    expect((await api.call("T0001", "PATCH", "/region", { retentionDays: 30 })).status).toBe(403);
    expect((await region()).retentionDays).toBe(180);
    expect(await api.database.prisma.auditLog.count({ where: { entity: "region" } })).toBe(0);

    const changed = await api.call("A0001", "PATCH", "/region", { retentionDays: 30 });
    expect(changed).toMatchObject({ status: 200, body: { retentionDays: 30 } });
    expect((await region()).retentionDays).toBe(30);
    expect(await api.database.prisma.auditLog.findFirst({ where: { entity: "region" } })).toMatchObject({ actor: "A0001", detail: { retentionDays: 30 } });
  });
});

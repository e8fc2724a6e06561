import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, fromDbDate } from "../../src/domain/calendar.js";
import { DEMO_REGION_CODE, loadDemoData } from "../../src/domain/demo-data.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";

const today = "2026-11-23";

describe.each(databaseKinds)("demo data on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it("loads the demo region once, with the numbers the README promises", async () => {
    const first = await loadDemoData(database.prisma, today);
    expect(first).toBeDefined();
    const again = await loadDemoData(database.prisma, today);
    expect(again).toBeUndefined();

    const prisma = database.prisma;
    const region = await prisma.region.findUniqueOrThrow({ where: { code: DEMO_REGION_CODE } });
    expect(region.policy).toBe("bozhou");
    expect(await prisma.school.count({ where: { regionId: region.id } })).toBe(2);
    const people = await prisma.teacher.findMany({ where: { regionId: region.id }, orderBy: { employeeNumber: "asc" } });
    expect(people.map((t) => t.employeeNumber)).toEqual([
      "A0001", "T0001", "T0002", "T0003", "T0004", "T0005", "T0006", "T0007", "T0008", "T0009", "T0010",
    ]);
    expect(people[0]?.roles).toEqual(["region_admin"]);
    expect(await prisma.ledgerEntry.count()).toBe(first?.ledgerEntries);
  });

  it("dates every ledger record on or before today and never in a future year", async () => {
    const latest = await database.prisma.ledgerEntry.findFirstOrThrow({ orderBy: { occurredOn: "desc" } });
    const earliest = await database.prisma.ledgerEntry.findFirstOrThrow({ orderBy: { occurredOn: "asc" } });
    expect(fromDbDate(latest.occurredOn) <= today).toBe(true);
    expect(fromDbDate(earliest.occurredOn) >= "2022-01-01").toBe(true);
  });

  it("gives some teachers a complete history and others a short one", async () => {
    const counts = await database.prisma.ledgerEntry.groupBy({ by: ["teacherId"], _count: true });
    const sizes = counts.map((row) => row._count).sort((a, b) => a - b);
    expect(sizes[0]).toBeLessThan(sizes[sizes.length - 1] as number);
    const preService = await database.prisma.ledgerEntry.count({ where: { preService: true } });
    const failed = await database.prisma.ledgerEntry.count({ where: { result: "fail" } });
    const unapproved = await database.prisma.ledgerEntry.count({ where: { approved: false } });
    expect([preService, failed, unapproved].every((n) => n > 0)).toBe(true);
  });

  it("has one project open for enrollment and one assignment due in a week", async () => {
    const open = await database.prisma.trainingProject.findMany({ where: { enrollmentDeadline: { not: null } } });
    expect(open).toHaveLength(1);
    expect(fromDbDate(open[0]!.enrollmentDeadline!) > today).toBe(true);
    expect(open[0]?.approvedAt).not.toBeNull();
    const assignments = await database.prisma.assignment.findMany();
    expect(assignments.map((a) => fromDbDate(a.dueOn))).toEqual([addDays(today, 7)]);
  });
});

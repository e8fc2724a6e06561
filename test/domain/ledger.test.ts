import { describe, expect, it } from "vitest";
import { toDbDate } from "../../src/domain/calendar.js";
import { appendEntry, effectiveEntries, reverseEntry, type NewLedgerEntry } from "../../src/domain/ledger.js";
import { databaseKinds } from "../support/database.js";
import { fixtureSuite } from "../support/fixture-suite.js";
import { refusal } from "../support/refusal.js";

describe.each(databaseKinds)("ledger on %s", (kind) => {
  const suite = fixtureSuite(kind);

  const entry = (teacherId: string, key: string): NewLedgerEntry => ({
    teacherId,
    occurredOn: toDbDate("2025-07-10"),
    mode: "centralized",
    category: "required",
    level: "provincial",
    hours: 40,
    result: "pass",
    approved: true,
    source: "import",
    sourceRef: "2025.xlsx#3",
    idempotencyKey: key,
    recordedBy: "A0001",
  });

  it("stores an entry once however often the same source row arrives, even concurrently", async () => {
    const teacher = await suite.make.teacher(suite.regionId);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => appendEntry(suite.database.prisma, entry(teacher.id, `k-${teacher.id}`))));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.entry.id)).size).toBe(1);
    expect(await suite.database.prisma.ledgerEntry.count({ where: { teacherId: teacher.id } })).toBe(1);
  });

  it("keeps hours exact as decimals", async () => {
    const teacher = await suite.make.teacher(suite.regionId);
    const { entry: stored } = await appendEntry(suite.database.prisma, { ...entry(teacher.id, `d-${teacher.id}`), hours: "12.35", leaveHours: "0.1" });
    expect(stored.hours?.toString()).toBe("12.35");
    expect(stored.leaveHours.toString()).toBe("0.1");
  });

  it("corrects by a reversing entry with who and why, leaving the original untouched", async () => {
    const teacher = await suite.make.teacher(suite.regionId);
    const { entry: original } = await appendEntry(suite.database.prisma, entry(teacher.id, `r-${teacher.id}`));
    const reversal = await reverseEntry(suite.database.prisma, { entryId: original.id, reason: "重复登记", actor: "A0001" });
    expect(reversal).toMatchObject({ reversesId: original.id, reason: "重复登记", recordedBy: "A0001", teacherId: teacher.id });
    expect(reversal.hours?.toString()).toBe("40");
    const unchanged = await suite.database.prisma.ledgerEntry.findUniqueOrThrow({ where: { id: original.id } });
    expect(unchanged).toEqual(original);

    const all = await suite.database.prisma.ledgerEntry.findMany({ where: { teacherId: teacher.id } });
    expect(all).toHaveLength(2);
    expect(effectiveEntries(all)).toEqual([]);
  });

  it("refuses to reverse twice, to reverse a reversal, or without a reason", async () => {
    const teacher = await suite.make.teacher(suite.regionId);
    const { entry: original } = await appendEntry(suite.database.prisma, entry(teacher.id, `x-${teacher.id}`));
    expect((await refusal(reverseEntry(suite.database.prisma, { entryId: original.id, reason: "  ", actor: "A0001" }))).field).toBe("reason");
    const reversal = await reverseEntry(suite.database.prisma, { entryId: original.id, reason: "录错学时", actor: "A0001" });
    expect((await refusal(reverseEntry(suite.database.prisma, { entryId: original.id, reason: "再来", actor: "A0001" }))).code).toBe("already_reversed");
    expect((await refusal(reverseEntry(suite.database.prisma, { entryId: reversal.id, reason: "再来", actor: "A0001" }))).code).toBe("is_reversal");
    expect(await suite.database.prisma.ledgerEntry.count({ where: { teacherId: teacher.id } })).toBe(2);
  });

  it("after a correction, only the corrected entry counts", async () => {
    const teacher = await suite.make.teacher(suite.regionId);
    const { entry: wrong } = await appendEntry(suite.database.prisma, entry(teacher.id, `c-${teacher.id}`));
    await reverseEntry(suite.database.prisma, { entryId: wrong.id, reason: "学时应为 32", actor: "A0001" });
    const { entry: right } = await appendEntry(suite.database.prisma, { ...entry(teacher.id, `c2-${teacher.id}`), hours: 32 });
    const all = await suite.database.prisma.ledgerEntry.findMany({ where: { teacherId: teacher.id } });
    expect(effectiveEntries(all).map((e) => e.id)).toEqual([right.id]);
  });
});

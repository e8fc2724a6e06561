import { mkdtemp, mkdir, writeFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MigrationError, readMigrations } from "../../src/db/migrations.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/database.js";

describe.each(databaseKinds)("migrations on %s", (kind) => {
  let database: TestDatabase;
  afterEach(async () => database?.dispose());

  it("applies every committed migration once and records it the way Prisma Migrate does", async () => {
    database = await openTestDatabase(kind);
    const committed = await readMigrations();
    const rows = await database.prisma.$queryRawUnsafe<
      { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }[]
    >(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((row) => row.migration_name)).toEqual(committed.map((m) => m.name));
    expect(rows.map((row) => row.checksum)).toEqual(committed.map((m) => m.checksum));
    expect(rows.every((row) => row.finished_at instanceof Date && row.applied_steps_count === 1)).toBe(true);

    const again = await database.migrate();
    expect(again).toEqual({ applied: [], alreadyApplied: committed.length, modifiedAfterApply: [] });
    expect(await database.prisma.teacher.count()).toBe(0);
  });

  it("records a failing migration with its error and refuses to go on until it is resolved", async () => {
    database = await openTestDatabase(kind);
    const directory = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
    try {
      await mkdir(path.join(directory, "20990101000000_broken"));
      await writeFile(path.join(directory, "20990101000000_broken", "migration.sql"), "CREATE TABLE oops (;");
      await expect(database.migrate(directory)).rejects.toThrow(/20990101000000_broken failed/);
      const [row] = await database.prisma.$queryRawUnsafe<{ finished_at: Date | null; logs: string | null }[]>(
        `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '20990101000000_broken'`,
      );
      expect(row?.finished_at).toBeNull();
      expect(row?.logs).toMatch(/syntax error/);
      await expect(database.migrate(directory)).rejects.toBeInstanceOf(MigrationError);
      await expect(database.migrate(directory)).rejects.toThrow(/prisma migrate resolve/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

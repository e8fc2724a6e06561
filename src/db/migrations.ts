import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlSession } from "./sql-session.js";

export const migrationsDirectory = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** Prisma Migrate's own advisory lock key, so this runner and `prisma migrate deploy` never overlap. */
const PRISMA_MIGRATE_LOCK = 72707369;

type Migration = { name: string; sql: string; checksum: string };
type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export type MigrationReport = { applied: string[]; alreadyApplied: number; modifiedAfterApply: string[] };

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export async function readMigrations(directory = migrationsDirectory): Promise<Migration[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies committed migrations exactly as `prisma migrate deploy` would, keeping Prisma's
 * `_prisma_migrations` table, so the Prisma CLI stays usable against the same database. Needs no engine
 * binary, which is why start-up and tests use it instead of the CLI.
 */
export async function applyMigrations(session: SqlSession, directory = migrationsDirectory): Promise<MigrationReport> {
  const migrations = await readMigrations(directory);
  await session.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
  try {
    await session.execScript(`
      CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
    const rows = await session.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} failed earlier and was never resolved. Fix the database, then run ` +
          `\`npx prisma migrate resolve --applied ${failed.migration_name}\` (or --rolled-back) and start again.`,
      );
    }
    const finished = new Map(
      rows.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row.checksum]),
    );
    const report: MigrationReport = { applied: [], alreadyApplied: 0, modifiedAfterApply: [] };
    for (const migration of migrations) {
      const appliedChecksum = finished.get(migration.name);
      if (appliedChecksum !== undefined) {
        report.alreadyApplied += 1;
        if (appliedChecksum !== migration.checksum) report.modifiedAfterApply.push(migration.name);
        continue;
      }
      await applyOne(session, migration);
      report.applied.push(migration.name);
    }
    return report;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
  }
}

async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  const id = randomUUID();
  await session.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
    [id, migration.checksum, migration.name],
  );
  try {
    await session.execScript(migration.sql);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await session.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, reason]);
    throw new MigrationError(`Migration ${migration.name} failed: ${reason}`);
  }
  await session.query(
    `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
    [id],
  );
}

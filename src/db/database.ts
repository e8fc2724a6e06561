import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.js";
import { applyMigrations, type MigrationReport } from "./migrations.js";
import type { SqlSession } from "./sql-session.js";

export type DatabaseSettings =
  | { kind: "postgres"; url: string; schema?: string }
  /** dataDir is a folder on disk, or `memory://` for a throwaway database. */
  | { kind: "embedded"; dataDir: string };

export interface Database {
  readonly kind: DatabaseSettings["kind"];
  readonly prisma: PrismaClient;
  /** Applies the committed migrations (or those in another folder, for tests of the runner itself). */
  migrate(directory?: string): Promise<MigrationReport>;
  /** Rejects (quickly) when the database cannot answer a query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

type PoolErrorListener = (error: Error) => void;

const POOL_END_GRACE_MS = 2_000;

export async function openDatabase(settings: DatabaseSettings, onPoolError?: PoolErrorListener): Promise<Database> {
  return settings.kind === "postgres" ? openPostgres(settings, onPoolError) : openEmbedded(settings.dataDir);
}

function openPostgres(settings: { url: string; schema?: string }, onPoolError?: PoolErrorListener): Database {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: 10,
    // Readiness checks and requests should fail fast while PostgreSQL is down, not queue for minutes.
    connectionTimeoutMillis: 3_000,
    ...(settings.schema ? { options: `-c search_path="${settings.schema}"` } : {}),
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would kill the process.
  pool.on("error", (error) => onPoolError?.(error));
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, settings.schema ? { schema: settings.schema } : undefined),
  });
  return {
    kind: "postgres",
    prisma,
    async migrate(directory) {
      const client = await pool.connect();
      const session: SqlSession = {
        query: async (sql, params) => (await client.query(sql, params)).rows,
        execScript: async (sql) => {
          await client.query(sql);
        },
        release: async () => client.release(),
      };
      try {
        return await applyMigrations(session, directory);
      } finally {
        await session.release();
      }
    },
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      await prisma.$disconnect();
      // A connection whose backend died inside Prisma's implicit transaction is never handed back (its
      // ROLLBACK fails before the release), and pool.end() would wait for it forever.
      await Promise.race([pool.end(), new Promise((resolve) => setTimeout(resolve, POOL_END_GRACE_MS).unref())]);
    },
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const location = inMemory ? dataDir : path.join(dataDir, "pglite");
  // PGlite creates only the last folder of the path itself.
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const engine = new PGlite(location);
  await engine.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(engine) });
  const session: SqlSession = {
    query: async (sql, params) => (await engine.query(sql, params)).rows as never,
    execScript: async (sql) => {
      await engine.exec(sql);
    },
    release: async () => undefined,
  };
  return {
    kind: "embedded",
    prisma,
    migrate: (directory) => applyMigrations(session, directory),
    async ping() {
      await engine.query("SELECT 1");
    },
    async close() {
      await prisma.$disconnect();
      await engine.close();
    },
  };
}

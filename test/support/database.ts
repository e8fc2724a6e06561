import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/database.js";
import { postgresUrl } from "./services.js";

export type DatabaseKind = "postgres" | "embedded";

/** The engines every database suite runs on: PostgreSQL when reachable, and always the embedded one. */
export const databaseKinds: DatabaseKind[] = postgresUrl ? ["postgres", "embedded"] : ["embedded"];

export type TestDatabase = Database & { dispose(): Promise<void> };

/**
 * A migrated database of its own for one test file: a fresh schema on the shared PostgreSQL server, or a
 * fresh in-memory PGlite. dispose() closes it and drops the schema.
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "embedded") {
    const database = await openDatabase({ kind: "embedded", dataDir: "memory://" });
    await database.migrate();
    return { ...database, dispose: () => database.close() };
  }
  if (!postgresUrl) throw new Error("PostgreSQL is not available for this suite");
  const schema = `test_${randomBytes(6).toString("hex")}`;
  await withAdminClient((client) => client.query(`CREATE SCHEMA "${schema}"`));
  const database = await openDatabase({ kind: "postgres", url: postgresUrl, schema });
  await database.migrate();
  return {
    ...database,
    async dispose() {
      await database.close();
      await withAdminClient((client) => client.query(`DROP SCHEMA "${schema}" CASCADE`));
    },
  };
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";

/**
 * The driver adapter the Prisma CLI's Wasm schema engine uses to create and check migrations.
 * Migrations are diffed against throwaway in-memory PGlite databases, so creating one needs neither a
 * PostgreSQL server nor the native engine download. The application never uses this file.
 */
export function migrationAuthoringAdapter(): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "pglite-migration-authoring",
    connect: () => connectScriptable(new PGlite("memory://main")),
    connectToShadowDb: () => connectScriptable(new PGlite("memory://shadow")),
  };
}

/**
 * The engine replays whole migration scripts through executeRaw without parameters; PGlite's extended
 * protocol refuses multi-statement text, so those go through exec() instead.
 */
async function connectScriptable(database: PGlite): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPGlite(database).connect();
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length > 0) return executeRaw(query);
    await database.exec(query.sql);
    return 0;
  };
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await database.close();
  };
  return adapter;
}

import type { Config } from "../config.js";
import { configOrExit } from "../config-or-exit.js";
import { openDatabase, type Database } from "../db/database.js";

/** For command-line tools: the database the service would use, or a clear exit on bad settings. */
export async function openConfiguredDatabase(): Promise<{ config: Config; database: Database }> {
  const config = configOrExit();
  return { config, database: await openDatabase(config.database) };
}

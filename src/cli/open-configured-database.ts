import { ConfigError, loadConfig, type Config } from "../config.js";
import { openDatabase, type Database } from "../db/database.js";

/** For command-line tools: the database the service would use, or a clear exit on bad settings. */
export async function openConfiguredDatabase(): Promise<{ config: Config; database: Database }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  return { config, database: await openDatabase(config.database) };
}

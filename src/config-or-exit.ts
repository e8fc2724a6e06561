import { ConfigError, loadConfig, type Config } from "./config.js";

/** EX_CONFIG from sysexits.h: what process supervisors read as "fix the settings, do not restart". */
const EXIT_BAD_CONFIGURATION = 78;

/** The configuration, or — for entry points — a message naming each bad variable and exit. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(EXIT_BAD_CONFIGURATION);
    }
    throw error;
  }
}

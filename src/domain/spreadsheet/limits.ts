/** What one upload may hold: enough for a county's whole roster, small enough to check in one request. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_DATA_ROWS = 20_000;


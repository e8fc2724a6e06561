import { openConfiguredDatabase } from "./open-configured-database.js";

const { database } = await openConfiguredDatabase();
try {
  const report = await database.migrate();
  console.log(
    report.applied.length > 0
      ? `Applied ${report.applied.length} migration(s): ${report.applied.join(", ")}`
      : `Database is up to date (${report.alreadyApplied} migration(s) applied earlier).`,
  );
  if (report.modifiedAfterApply.length > 0) {
    console.warn(`Warning: changed after they were applied: ${report.modifiedAfterApply.join(", ")}`);
  }
} finally {
  await database.close();
}

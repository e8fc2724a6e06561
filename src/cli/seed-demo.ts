import { todayIn } from "../domain/calendar.js";
import { DEMO_REGION_CODE, loadDemoData } from "../domain/demo-data.js";
import { openConfiguredDatabase } from "./open-configured-database.js";

const { config, database } = await openConfiguredDatabase();
try {
  await database.migrate();
  const summary = await loadDemoData(database.prisma, todayIn(config.defaultTimezone, new Date()));
  console.log(
    summary
      ? `Loaded demo region ${DEMO_REGION_CODE}: ${summary.teachers} people, ${summary.ledgerEntries} ledger entries.`
      : `Demo region ${DEMO_REGION_CODE} is already there; nothing changed.`,
  );
} finally {
  await database.close();
}

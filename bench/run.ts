import { runBroadcastBench } from "./broadcast.js";
import { runEngineBench } from "./engine.js";
import { runImportBench } from "./import.js";
import { formatTable, type BenchRow } from "./report.js";
import { runWebhookBench } from "./webhook.js";
import { runWeeklyBench } from "./weekly.js";

/**
 * `npm run bench [-- part …]`: runs the named parts (all by default) in turn and prints one table.
 * Add a part by adding a runner here.
 */
const parts: Record<string, () => BenchRow[] | Promise<BenchRow[]>> = {
  webhook: runWebhookBench,
  engine: runEngineBench,
  weekly: runWeeklyBench,
  broadcast: runBroadcastBench,
  import: runImportBench,
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in parts));
if (unknown.length > 0) {
  console.error(`Unknown bench part(s): ${unknown.join(", ")}. Parts: ${Object.keys(parts).join(", ")}`);
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const name of chosen.length > 0 ? chosen : Object.keys(parts)) rows.push(...(await parts[name]!()));
process.stdout.write(`${formatTable(rows)}\n`);

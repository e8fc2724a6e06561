import { runBroadcastBench } from "./broadcast.js";
import { runEngineBench } from "./engine.js";
import { runImportBench } from "./import.js";
import { formatTable, type BenchRow } from "./report.js";
import { runWebhookBench } from "./webhook.js";
import { runWeeklyBench } from "./weekly.js";

/** `npm run bench`: runs each benchmark part in turn and prints one table. Add a part by adding a runner. */
const parts: readonly (() => BenchRow[] | Promise<BenchRow[]>)[] = [runWebhookBench, runEngineBench, runWeeklyBench, runBroadcastBench, runImportBench];

const rows: BenchRow[] = [];
for (const run of parts) rows.push(...(await run()));
process.stdout.write(`${formatTable(rows)}\n`);

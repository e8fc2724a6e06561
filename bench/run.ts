import { runEngineBench } from "./engine.js";
import { formatTable, type BenchRow } from "./report.js";

/** `npm run bench`: runs each benchmark part in turn and prints one table. Add a part by adding a runner. */
const parts: readonly (() => BenchRow[])[] = [runEngineBench];

const rows = parts.flatMap((run) => run());
process.stdout.write(`${formatTable(rows)}\n`);

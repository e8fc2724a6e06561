/**
 * npm run -s corpus [-- --misses]: the parser's accuracy per intent on the tuned, the three development parts
 * and the held-out part of the corpus. --misses lists the misses of the tuned and the development parts; of the
 * held-out part only counts are ever printed, so nobody tunes on its messages by accident.
 */
import { parseIntent } from "../../../src/bot/commands/index.js";
import type { IntentKind } from "../../../src/bot/intents/index.js";
import { measure, type KindScore, type Measurement, type Miss } from "./accuracy.js";
import { DEV } from "./dev.js";
import { DEV2 } from "./dev2.js";
import { DEV3 } from "./dev3.js";
import { HELD_OUT } from "./held-out.js";
import { TUNED } from "./tuned.js";

const tuned = measure(TUNED, parseIntent);
const dev = measure(DEV, parseIntent);
const dev2 = measure(DEV2, parseIntent);
const dev3 = measure(DEV3, parseIntent);
const heldOut = measure(HELD_OUT, parseIntent);
const parts = [tuned, dev, dev2, dev3, heldOut];

function percent(correct: number, total: number): string {
  return total === 0 ? "—" : `${((100 * correct) / total).toFixed(1)}%`;
}

function cell(score: KindScore | undefined): string {
  return score === undefined ? "" : `${score.correct}/${score.total} ${percent(score.correct, score.total)}`;
}

const kinds = [...new Set<IntentKind>(parts.flatMap((part) => [...part.perKind.keys()]))].sort();
const rows = [
  ["intent", "tuned", "dev", "dev2", "dev3", "held-out"],
  ...kinds.map((kind) => [kind, ...parts.map((part) => cell(part.perKind.get(kind)))]),
  ["overall", ...parts.map((part) => cell(part))],
  ["wrong numbers", ...parts.map((part) => String(part.wrongNumbers.length))],
];
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((text, column) => text.padEnd(widths[column]!)).join("  ").trimEnd());

function describe(miss: Miss): string {
  return `${JSON.stringify(miss.entry.text)} (${miss.entry.from})\n    expected ${JSON.stringify(miss.entry.expect)}\n    parsed   ${JSON.stringify(miss.parsed)}`;
}

function printMisses(name: string, part: Measurement): void {
  console.log(`\n${name} part: ${part.misses.length} misses, ${part.wrongNumbers.length} with a wrong number`);
  for (const miss of part.wrongNumbers) console.log(`  WRONG NUMBER ${describe(miss)}`);
  for (const miss of part.misses.filter((miss) => !part.wrongNumbers.includes(miss))) console.log(`  ${describe(miss)}`);
}

if (process.argv.includes("--misses")) {
  printMisses("Tuned", tuned);
  printMisses("Development", dev);
  printMisses("Second development", dev2);
  printMisses("Third development", dev3);
}

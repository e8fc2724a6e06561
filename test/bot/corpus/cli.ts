/**
 * npm run -s corpus [-- --misses]: the parser's accuracy per intent on the tuned and the held-out part of
 * the corpus. --misses lists the tuned part's misses only; of the held-out part only counts are ever
 * printed, so nobody tunes on its messages by accident.
 */
import { parseIntent } from "../../../src/bot/commands/index.js";
import type { IntentKind } from "../../../src/bot/intents/index.js";
import { measure, type KindScore, type Measurement, type Miss } from "./accuracy.js";
import { HELD_OUT } from "./held-out.js";
import { TUNED } from "./tuned.js";

const tuned = measure(TUNED, parseIntent);
const heldOut = measure(HELD_OUT, parseIntent);

function percent(correct: number, total: number): string {
  return total === 0 ? "—" : `${((100 * correct) / total).toFixed(1)}%`;
}

function cell(score: KindScore | undefined): string {
  return score === undefined ? "" : `${score.correct}/${score.total} ${percent(score.correct, score.total)}`;
}

const kinds = [...new Set<IntentKind>([...tuned.perKind.keys(), ...heldOut.perKind.keys()])].sort();
const rows = [
  ["intent", "tuned", "held-out"],
  ...kinds.map((kind) => [kind, cell(tuned.perKind.get(kind)), cell(heldOut.perKind.get(kind))]),
  ["overall", cell(tuned), cell(heldOut)],
  ["wrong numbers", String(tuned.wrongNumbers.length), String(heldOut.wrongNumbers.length)],
];
const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((text, column) => text.padEnd(widths[column]!)).join("  ").trimEnd());

function describe(miss: Miss): string {
  return `${JSON.stringify(miss.entry.text)} (${miss.entry.from})\n    expected ${JSON.stringify(miss.entry.expect)}\n    parsed   ${JSON.stringify(miss.parsed)}`;
}

function printMisses(part: Measurement): void {
  console.log(`\nTuned part: ${part.misses.length} misses, ${part.wrongNumbers.length} with a wrong number`);
  for (const miss of part.wrongNumbers) console.log(`  WRONG NUMBER ${describe(miss)}`);
  for (const miss of part.misses.filter((miss) => !part.wrongNumbers.includes(miss))) console.log(`  ${describe(miss)}`);
}

if (process.argv.includes("--misses")) printMisses(tuned);

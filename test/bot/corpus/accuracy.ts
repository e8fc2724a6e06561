import type { Intent, IntentKind } from "../../../src/bot/intents/index.js";
import type { CorpusEntry, ExpectedIntent } from "./entry.js";

/** How the parser did on one expected intent kind. */
export interface KindScore {
  total: number;
  correct: number;
}

export interface Miss {
  entry: CorpusEntry;
  parsed: Intent;
}

export interface Measurement {
  /** Keyed by the expected kind: a miss counts against the kind the message should have had. */
  perKind: Map<IntentKind, KindScore>;
  total: number;
  correct: number;
  /** correct / total; 1 for an empty corpus. */
  accuracy: number;
  misses: Miss[];
  /**
   * The worst misses, also listed in `misses`: the parse carries a number the expectation does not carry
   * with the same value, so the answer would be built on a wrong number (another year, amount, score,
   * assignment, project or submission). A number the parse merely lacks is an ordinary miss.
   */
  wrongNumbers: Miss[];
}

/**
 * The numbers an intent carries, by slot. References and codes count by their digits ("P2026-02" → 202602,
 * "S15" → 15), since a wrong digit there acts on another project, assignment or submission.
 */
export function numbersOf(intent: Intent | ExpectedIntent): Map<string, number> {
  const numbers = new Map<string, number>();
  const slots: Record<string, unknown> = { ...intent, ...("record" in intent ? intent.record : {}) };
  for (const slot of ["year", "yearsAgo", "amount", "score", "assignmentNumber", "hours", "credits"]) {
    const value = slots[slot];
    if (typeof value === "number") numbers.set(slot, value);
  }
  for (const slot of ["projectCode", "assignmentRef", "submissionRef"]) {
    const value = slots[slot];
    const digits = typeof value === "string" ? value.replace(/\D/g, "") : "";
    if (digits !== "" && (slot !== "assignmentRef" || /^\d+$/.test(value as string))) numbers.set(slot, Number(digits));
  }
  return numbers;
}

/** Slots with value undefined are absent: `{ year: undefined }` asks the same as `{}`. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Object.is(a, b);
  const keysOf = (value: object) => Object.entries(value).filter(([, slot]) => slot !== undefined).map(([key]) => key).sort();
  const keys = keysOf(a);
  const otherKeys = keysOf(b);
  return (
    keys.length === otherKeys.length &&
    keys.every((key, index) => key === otherKeys[index] && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/** For unknown only the kind is compared: the suggestions are the fallback's business. */
export function matches(parsed: Intent, expected: ExpectedIntent): boolean {
  if (expected.kind === "unknown") return parsed.kind === "unknown";
  return sameValue(parsed, expected);
}

export function carriesWrongNumber(parsed: Intent, expected: ExpectedIntent): boolean {
  const expectedNumbers = numbersOf(expected);
  return [...numbersOf(parsed)].some(([slot, value]) => expectedNumbers.get(slot) !== value);
}

export function measure(entries: readonly CorpusEntry[], parse: (text: string) => Intent): Measurement {
  const perKind = new Map<IntentKind, KindScore>();
  const misses: Miss[] = [];
  const wrongNumbers: Miss[] = [];
  for (const entry of entries) {
    const parsed = parse(entry.text);
    const score = perKind.get(entry.expect.kind) ?? { total: 0, correct: 0 };
    perKind.set(entry.expect.kind, score);
    score.total += 1;
    if (matches(parsed, entry.expect)) {
      score.correct += 1;
      continue;
    }
    misses.push({ entry, parsed });
    if (carriesWrongNumber(parsed, entry.expect)) wrongNumbers.push({ entry, parsed });
  }
  const total = entries.length;
  const correct = total - misses.length;
  return { perKind, total, correct, accuracy: total === 0 ? 1 : correct / total, misses, wrongNumbers };
}

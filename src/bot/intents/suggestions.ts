import type { NormalisedText } from "./normalise.js";
import type { IntentKind } from "./types.js";
import { understand } from "./understand.js";

/**
 * For a message nothing recognised, the commands it most resembles: character-bigram overlap (Dice
 * coefficient) with each command's example phrasings. "收到学分证书了" shares 学分 with 我的学分, so
 * balance comes first.
 */

/** Character bigrams; a single character stands for itself so a one-character message can still match. */
function bigrams(text: string): Set<string> {
  const chars = [...text];
  if (chars.length === 1) return new Set(chars);
  const pairs = new Set<string>();
  for (let index = 1; index < chars.length; index += 1) pairs.add(`${chars[index - 1] ?? ""}${chars[index] ?? ""}`);
  return pairs;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const pair of b) if (a.has(pair)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/**
 * Ranks candidate kinds by how much a message resembles their phrasings, most alike first. Ties, and
 * messages that resemble nothing ("👍"), keep the candidates' own order.
 */
export class SimilarityRanker {
  private readonly candidates: readonly { kind: IntentKind; phrasings: readonly Set<string>[] }[];

  constructor(candidates: readonly (readonly [kind: IntentKind, phrasings: readonly string[]])[]) {
    this.candidates = candidates.map(([kind, phrasings]) => ({ kind, phrasings: phrasings.map((phrasing) => bigrams(understand(phrasing).message.compact)) }));
  }

  rank(message: NormalisedText): RankedKind[] {
    const typed = bigrams(message.compact);
    return this.candidates
      .map(({ kind, phrasings }, order) => ({ kind, order, similarity: Math.max(...phrasings.map((phrasing) => dice(typed, phrasing))) }))
      .sort((a, b) => b.similarity - a.similarity || a.order - b.order)
      .map(({ kind, similarity }) => ({ kind, similarity }));
  }
}

interface RankedKind {
  readonly kind: IntentKind;
  /** Bigram similarity to the kind's closest phrasing, 0 (nothing shared) to 1. */
  readonly similarity: number;
}

/**
 * When the two likeliest kinds are both this close to the message and to each other, one short question
 * ("你是想问 A 还是 B？") beats a list of commands: "学分作业" is 我的学分 or 我的作业.
 */
const PLAUSIBLE_SIMILARITY = 0.3;
const CLOSE_SIMILARITY = 0.12;

export function choicesOf(ranked: readonly RankedKind[]): [IntentKind, IntentKind] | undefined {
  const [first, second] = ranked;
  if (first === undefined || second === undefined) return undefined;
  if (second.similarity < PLAUSIBLE_SIMILARITY || first.similarity - second.similarity > CLOSE_SIMILARITY) return undefined;
  return [first.kind, second.kind];
}

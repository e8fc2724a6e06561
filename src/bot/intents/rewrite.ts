/**
 * The steps after normalising rewrite words (学份 → 学分, 咋样 → 怎么样) or drop them (那个我想问一下就是)
 * without losing where each character came from, so parameters can still be cut from what was typed.
 */

/** One UTF-16 unit of the normalised text and the span [from, to) of the sender's text it came from. */
export interface Unit {
  readonly char: string;
  readonly from: number;
  readonly to: number;
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  replacement?: string;
}

/** A replacement found at a position: how many units it covers and what they become. */
interface WordMatch {
  readonly length: number;
  readonly replacement: string;
}

/** Words and what each becomes ("" drops it); lookups find the longest word at a position. */
export class WordTable {
  private readonly forward: TrieNode = { next: new Map() };
  /** The same words spelt backwards, for finding the word that ends a message. */
  private readonly backward: TrieNode = { next: new Map() };

  constructor(entries: Iterable<readonly [word: string, replacement: string]>) {
    for (const [word, replacement] of entries) {
      insert(this.forward, word.split(""), replacement);
      insert(this.backward, word.split("").reverse(), replacement);
    }
  }

  /** The longest word starting at units[index], if any. Cost: at most the longest word's length. */
  longestAt(units: readonly Unit[], index: number): WordMatch | undefined {
    let node: TrieNode | undefined = this.forward;
    let found: WordMatch | undefined;
    for (let position = index; position < units.length; position += 1) {
      node = node.next.get(units[position]?.char ?? "");
      if (node === undefined) break;
      if (node.replacement !== undefined) found = { length: position - index + 1, replacement: node.replacement };
    }
    return found;
  }

  /** The longest word ending right before units[end] and starting at or after `start`, if any. */
  longestEndingAt(units: readonly Unit[], end: number, start = 0): WordMatch | undefined {
    let node: TrieNode | undefined = this.backward;
    let found: WordMatch | undefined;
    for (let position = end - 1; position >= start; position -= 1) {
      node = node.next.get(units[position]?.char ?? "");
      if (node === undefined) break;
      if (node.replacement !== undefined) found = { length: end - position, replacement: node.replacement };
    }
    return found;
  }
}

function insert(root: TrieNode, chars: readonly string[], replacement: string): void {
  let node = root;
  for (const char of chars) {
    let child = node.next.get(char);
    if (child === undefined) {
      child = { next: new Map() };
      node.next.set(char, child);
    }
    node = child;
  }
  node.replacement = replacement;
}

/**
 * The units that `replacement` puts in place of `replaced`: character for character when the lengths
 * agree (学份 → 学分 keeps each span), otherwise every new character spans the whole replaced word.
 */
export function replacementUnits(replaced: readonly Unit[], replacement: string): Unit[] {
  const first = replaced[0];
  const last = replaced.at(-1);
  if (first === undefined || last === undefined) return [];
  if (replacement.length === replaced.length) {
    return replacement.split("").map((char, index) => ({ char, from: replaced[index]?.from ?? first.from, to: replaced[index]?.to ?? last.to }));
  }
  return replacement.split("").map((char) => ({ char, from: first.from, to: last.to }));
}

/** Every word of `table` replaced, scanning left to right and taking the longest word at each position. */
export function rewriteWords(units: readonly Unit[], table: WordTable): Unit[] {
  const rewritten: Unit[] = [];
  let index = 0;
  while (index < units.length) {
    const match = table.longestAt(units, index);
    if (match === undefined) {
      const unit = units[index];
      if (unit !== undefined) rewritten.push(unit);
      index += 1;
      continue;
    }
    rewritten.push(...replacementUnits(units.slice(index, index + match.length), match.replacement));
    index += match.length;
  }
  return rewritten;
}

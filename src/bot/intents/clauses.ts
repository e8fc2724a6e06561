import type { NormalisedText } from "./normalise.js";
import { withoutPoliteness } from "./politeness.js";
import { WordTable, type Unit } from "./rewrite.js";

/**
 * Voice input and long messages run several sentences together: "我这个学分到底够没够因为我们学校说要交
 * 材料了", "Hi, I'm a new teacher here. How many credits do I have so far?". When the whole message asks
 * nothing recognisable, each clause is tried on its own. Clauses end at sentence punctuation and before a
 * conjunction that starts a new thought (因为, 所以, 但是, because, but).
 */

const PUNCTUATION = new Set([",", ";", "!", "?", "。", "、", "…"]);

/** Words that open a new clause; dropped with the break. */
const CONJUNCTIONS = new WordTable(
  ["因为", "所以", "但是", "不过", "然后", "另外", "而且", "还有就是", "就是说", "because", "but", "so", "and", "also"].map((word) => [word, ""] as const),
);

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /^[a-z]$/.test(char);
}

const HAN = /^\p{Script=Han}$/u;
const WHITESPACE = /\s/u;

/**
 * Between two Chinese characters, a space the sender typed is a comma ("学校说要交材料 我的学分够没够"):
 * Chinese puts no spaces between words. Normalising dropped it, so it is found in what was typed.
 */
function spaceBefore(message: NormalisedText, index: number): boolean {
  const { units } = message;
  if (index === 0 || !HAN.test(units[index]?.char ?? "") || !HAN.test(units[index - 1]?.char ?? "")) return false;
  if ((units[index]?.from ?? 0) <= (units[index - 1]?.to ?? 0)) return false;
  return WHITESPACE.test(message.original(index - 1, index + 1));
}

/** A full stop ends a sentence before a space or the end; inside "54.5" or "a.cn" it does not. */
function isBreak(units: readonly Unit[], index: number): boolean {
  const char = units[index]?.char;
  if (char === undefined) return false;
  if (PUNCTUATION.has(char)) return true;
  return char === "." && (units[index + 1] === undefined || units[index + 1]?.char === " ");
}

/** The clauses of a message, politeness dropped from each; a message of one clause gives none. */
export function clausesOf(message: NormalisedText): NormalisedText[] {
  const { units } = message;
  const clauses: Unit[][] = [[]];
  let index = 0;
  while (index < units.length) {
    const conjunction = CONJUNCTIONS.longestAt(units, index);
    // English conjunctions count only as whole words ("so" is not the start of "some").
    const wholeWord = conjunction !== undefined && !(isLetter(units[index]?.char) && (isLetter(units[index - 1]?.char) || isLetter(units[index + conjunction.length]?.char)));
    if (conjunction !== undefined && wholeWord) {
      clauses.push([]);
      index += conjunction.length;
      continue;
    }
    if (spaceBefore(message, index)) clauses.push([]);
    if (isBreak(units, index)) {
      clauses.push([]);
      index += 1;
      continue;
    }
    const unit = units[index];
    if (unit !== undefined) clauses.at(-1)?.push(unit);
    index += 1;
  }
  const nonEmpty = clauses.filter((clause) => clause.some((unit) => unit.char !== " "));
  if (nonEmpty.length < 2) return [];
  return nonEmpty.map((clause) => withoutPoliteness(message.withUnits(clause)));
}

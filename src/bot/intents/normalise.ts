import type { Unit } from "./rewrite.js";
import { toSimplified } from "./traditional.js";

/**
 * Step 1 of understanding. Chat text arrives with @-mentions the platform left in, odd spaces (U+2005
 * after a platform's mention, U+00A0, U+3000), full-width letters and digits and traditional characters.
 * Matching runs on a normalised form; parameters that must stay as typed (links, notice text, reasons) are
 * cut from the original through a source map, so no step of understanding changes what the sender wrote.
 */

/** Characters between two tokens that mark where one ends ("发通知 全校：…"). */
const BREAKS = new Set([" ", ":", ",", "、", "。", ";"]);

/** Zero-width characters some keyboards and platforms insert; they separate nothing. */
const INVISIBLE = /^[\u200b-\u200d\u2060\ufeff]$/u;

const WHITESPACE = /^\s$/u;

/** Minus signs NFKC leaves alone: "−40学时" is as negative as "-40学时". */
const MINUS_SIGNS = new Set(["\u2212", "\u2013", "\u2014"]);

function isAsciiVisible(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return code > 0x20 && code < 0x7f;
}

function normaliseChar(char: string): string {
  if (WHITESPACE.test(char)) return " ";
  if (MINUS_SIGNS.has(char)) return "-";
  return toSimplified(char);
}

/** NFKC, lower case and simplified, per code point, remembering where each unit came from. */
function toUnits(source: string): Unit[] {
  const units: Unit[] = [];
  let from = 0;
  for (const codePoint of source) {
    const to = from + codePoint.length;
    if (!INVISIBLE.test(codePoint)) {
      for (const char of codePoint.normalize("NFKC").toLowerCase()) {
        const mapped = normaliseChar(char);
        for (let index = 0; index < mapped.length; index += 1) units.push({ char: mapped.charAt(index), from, to });
      }
    }
    from = to;
  }
  return units;
}

/**
 * The range of `spaced` left after dropping whole space-delimited tokens that start with "@" at either
 * end ("@继教学分助手 我的学分", "我的学分 @Bot"). Where a name ends is only known from a separator, so a
 * message that is a single @-token is a bare mention, even "@继教助手我的学分" typed without a space.
 */
function rangeWithoutMentions(spaced: string): { start: number; end: number; mentions: string[] } {
  let start = 0;
  let end = spaced.length;
  const mentions: string[] = [];
  for (;;) {
    while (start < end && spaced[start] === " ") start += 1;
    if (spaced[start] !== "@") break;
    const space = spaced.indexOf(" ", start);
    const tokenEnd = space === -1 || space >= end ? end : space;
    mentions.push(spaced.slice(start + 1, tokenEnd));
    start = tokenEnd;
  }
  for (;;) {
    while (end > start && spaced[end - 1] === " ") end -= 1;
    const space = spaced.lastIndexOf(" ", end - 1);
    if (space < start) break;
    if (spaced[space + 1] !== "@") break;
    mentions.push(spaced.slice(space + 2, end));
    end = space;
  }
  return { start, end, mentions };
}

/** Drops spaces, keeping one only between two ASCII characters, where it separates tokens ("bind t0001"). */
function collapseSpaces(units: readonly Unit[]): Unit[] {
  const kept: Unit[] = [];
  let pendingSpace: Unit | undefined;
  for (const unit of units) {
    if (unit.char === " ") {
      pendingSpace ??= unit;
      continue;
    }
    if (pendingSpace !== undefined && isAsciiVisible(kept.at(-1)?.char) && isAsciiVisible(unit.char)) kept.push(pendingSpace);
    pendingSpace = undefined;
    kept.push(unit);
  }
  return kept;
}

function join(units: readonly Unit[]): string {
  return units.map((unit) => unit.char).join("");
}

export class NormalisedText {
  /** What matching sees. */
  readonly text: string;
  /** `text` without any space, for phrase matching ("how many" → "howmany"). */
  readonly compact: string;

  /**
   * @param content the normalised message with only the mentions removed, kept through every later step;
   *   "" or "?" is a bare call for help, "谢谢老师" is thanks even after politeness is dropped from `text`.
   * @param mentions the names of the @-mentions removed from either end ("继教学分助手", "李主任"): small
   *   talk addressed to someone else is not the bot's to answer.
   */
  constructor(
    private readonly source: string,
    readonly units: readonly Unit[],
    readonly content: string,
    private readonly contentEnd: number,
    readonly mentions: readonly string[] = [],
  ) {
    this.text = join(units);
    this.compact = this.text.replaceAll(" ", "");
  }

  /** The same message after a later step rewrote or dropped some of its units. */
  withUnits(units: readonly Unit[]): NormalisedText {
    return new NormalisedText(this.source, units, this.content, this.contentEnd, this.mentions);
  }

  /**
   * The sender's own characters behind text.slice(start, end). Without `end` it runs to the end of what
   * was typed, trailing punctuation, particles and thanks included (a notice keeps its "！谢谢").
   */
  original(start: number, end?: number): string {
    const from = this.units[start]?.from ?? this.units[start - 1]?.to ?? this.contentEnd;
    const to = end === undefined ? this.contentEnd : (this.units[end - 1]?.to ?? from);
    return to > from ? this.source.slice(from, to) : "";
  }

  /** True when a token ends before text[index]: the end, a separator, or a space that collapsing dropped. */
  hasBreakBefore(index: number): boolean {
    const unit = this.units[index];
    const previous = this.units[index - 1];
    if (unit === undefined || previous === undefined) return true;
    return BREAKS.has(unit.char) || unit.from > previous.to;
  }
}

/** NFKC, lower case, simplified, no @-mentions at either end, spaces only between ASCII tokens. */
export function normalise(source: string): NormalisedText {
  const units = toUnits(source);
  const { start, end, mentions } = rangeWithoutMentions(join(units));
  const contentUnits = collapseSpaces(units.slice(start, end));
  return new NormalisedText(source, contentUnits, join(contentUnits), contentUnits.at(-1)?.to ?? 0, mentions);
}

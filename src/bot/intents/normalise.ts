import { toSimplified } from "./traditional.js";

/**
 * Chat text arrives with @-mentions the platform left in, odd spaces (U+2005 after a platform's mention,
 * U+00A0, U+3000), full-width letters and digits, politeness and trailing particles. Matching runs on a
 * normalised form; parameters that must stay as typed (links, notice text, reasons) are cut from the
 * original through a source map, so normalising never changes what the sender wrote.
 */

/** One UTF-16 unit of the normalised text and the span [from, to) of the sender's text it came from. */
interface Unit {
  readonly char: string;
  readonly from: number;
  readonly to: number;
}

/** Polite openings that carry no command ("老师好，请问…"); stripped repeatedly, longest first. */
const COURTESIES = [
  "各位老师好", "老师们好", "老师您好", "老师你好", "老师好", "各位老师", "老师们", "老师",
  "您好", "你好", "请问一下", "请问下", "请问", "请帮我", "请帮忙", "请您", "请你",
  "麻烦您", "麻烦你", "麻烦", "帮我", "帮忙", "我想问一下", "我想问下", "想问一下", "想问下", "问一下",
  "我想知道", "想知道", "我想", "hello", "hi", "hey", "please", "pls",
].sort((a, b) => b.length - a.length);

/** Punctuation that may sit between a courtesy and the command ("老师好，请问…"). */
const LEADING_SEPARATORS = new Set([" ", ",", "、", "。", "!", "~", ":", ";", "…", "."]);

/** Sentence-final particles and punctuation: "学时够了吗？" asks the same as "学时够了". */
const TRAILING_PARTICLES = new Set(["吗", "呢", "啊", "呀", "吧", "哦", "嘛", "啦", "?", "!", "。", ".", "~", ",", "、", "…"]);

/** Characters between two tokens that mark where one ends ("发通知 全校：…"). */
const BREAKS = new Set([" ", ":", ",", "、", "。", ";"]);

/** Zero-width characters some keyboards and platforms insert; they separate nothing. */
const INVISIBLE = /^[\u200b-\u200d\u2060\ufeff]$/u;

const WHITESPACE = /^\s$/u;

function isAsciiVisible(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return code > 0x20 && code < 0x7f;
}

function isAsciiLetter(char: string | undefined): boolean {
  return char !== undefined && char >= "a" && char <= "z";
}

/** NFKC, lower case and simplified, per code point, remembering where each unit came from. */
function toUnits(source: string): Unit[] {
  const units: Unit[] = [];
  let from = 0;
  for (const codePoint of source) {
    const to = from + codePoint.length;
    if (!INVISIBLE.test(codePoint)) {
      for (const char of codePoint.normalize("NFKC").toLowerCase()) {
        const mapped = WHITESPACE.test(char) ? " " : toSimplified(char);
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
function rangeWithoutMentions(spaced: string): [number, number] {
  let start = 0;
  let end = spaced.length;
  for (;;) {
    while (start < end && spaced[start] === " ") start += 1;
    if (spaced[start] !== "@") break;
    const space = spaced.indexOf(" ", start);
    start = space === -1 || space >= end ? end : space;
  }
  for (;;) {
    while (end > start && spaced[end - 1] === " ") end -= 1;
    const space = spaced.lastIndexOf(" ", end - 1);
    if (space < start) break;
    if (spaced[space + 1] !== "@") break;
    end = space;
  }
  return [start, end];
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

function courtesyAt(text: string, index: number): string | undefined {
  return COURTESIES.find(
    (courtesy) => text.startsWith(courtesy, index) && !(isAsciiLetter(courtesy[0]) && isAsciiLetter(text[index + courtesy.length])),
  );
}

/** The range of `content` left after leading courtesies and separators and trailing particles. */
function coreRange(content: string): [number, number] {
  let start = 0;
  for (;;) {
    while (start < content.length && LEADING_SEPARATORS.has(content.charAt(start))) start += 1;
    const courtesy = courtesyAt(content, start);
    if (courtesy === undefined) break;
    start += courtesy.length;
  }
  let end = content.length;
  while (end > start && TRAILING_PARTICLES.has(content.charAt(end - 1))) end -= 1;
  return [start, end];
}

function join(units: readonly Unit[]): string {
  return units.map((unit) => unit.char).join("");
}

export class NormalisedText {
  /** What matching sees: normalised, without mentions, courtesies and trailing particles. */
  readonly text: string;
  /** `text` without any space, for phrase matching ("how many" → "howmany"). */
  readonly compact: string;
  /** The normalised message with only the mentions removed; "" or "?" is a bare call for help. */
  readonly content: string;

  constructor(
    private readonly source: string,
    private readonly units: readonly Unit[],
    content: string,
    private readonly contentEnd: number,
  ) {
    this.text = join(units);
    this.compact = this.text.replaceAll(" ", "");
    this.content = content;
  }

  /**
   * The sender's own characters behind text.slice(start, end). Without `end` it runs to the end of what
   * was typed, trailing punctuation and particles included (a notice keeps its "！").
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

export function normalise(source: string): NormalisedText {
  const units = toUnits(source);
  const [mentionFreeStart, mentionFreeEnd] = rangeWithoutMentions(join(units));
  const contentUnits = collapseSpaces(units.slice(mentionFreeStart, mentionFreeEnd));
  const content = join(contentUnits);
  const [coreStart, coreEnd] = coreRange(content);
  return new NormalisedText(source, contentUnits.slice(coreStart, coreEnd), content, contentUnits.at(-1)?.to ?? 0);
}

/** The text parseIntent matches on: NFKC, lower case, no @-mentions, courtesies or trailing particles. */
export function normaliseText(text: string): string {
  return normalise(text).text;
}

/**
 * Finds the link a teacher pasted. Validation is the domain's job, so anything that looks meant as a link
 * counts ("ftp://x", "www.abc.com"): a "scheme://" or "www." up to the next space or non-ASCII character
 * (chat apps end links the same way, so "https://a.cn/x请查收" is the link "https://a.cn/x").
 */

interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** A sentence's punctuation right after a link belongs to the sentence ("…/abc)", "…/abc,"). */
const SENTENCE_PUNCTUATION = new Set([".", ",", ";", ":", "!", "?", ")", "]", "}", "'", '"', ">"]);

function isLinkChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return code > 0x20 && code < 0x7f;
}

function isSchemeLetter(char: string | undefined): boolean {
  return char !== undefined && char >= "a" && char <= "z";
}

function linkStart(text: string): number | undefined {
  const separator = text.indexOf("://");
  const www = text.indexOf("www.");
  let schemeStart = separator;
  while (schemeStart > 0 && isSchemeLetter(text[schemeStart - 1])) schemeStart -= 1;
  const starts = [separator === -1 ? -1 : schemeStart, www].filter((start) => start !== -1);
  return starts.length === 0 ? undefined : Math.min(...starts);
}

/** The span of the first link in `text` (normalised text, so positions map back to what was typed). */
export function findLink(text: string): TextSpan | undefined {
  const start = linkStart(text);
  if (start === undefined) return undefined;
  let end = start;
  while (isLinkChar(text[end])) end += 1;
  while (end > start && SENTENCE_PUNCTUATION.has(text.charAt(end - 1))) end -= 1;
  return end > start ? { start, end } : undefined;
}

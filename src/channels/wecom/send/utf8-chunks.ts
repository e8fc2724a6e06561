/**
 * WeCom limits message content in UTF-8 bytes, not characters: a Chinese character is three bytes.
 */

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Splits `text` into pieces of at most `maxBytes` bytes each, breaking after a line where possible and
 * never inside a character (surrogate pairs such as emoji stay whole).
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (utf8Length(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let current = "";
  for (const line of text.split(/(?<=\n)/)) {
    if (utf8Length(current + line) <= maxBytes) {
      current += line;
      continue;
    }
    if (current) pieces.push(current);
    current = "";
    for (const character of line) {
      if (utf8Length(current + character) > maxBytes) {
        pieces.push(current);
        current = "";
      }
      current += character;
    }
  }
  if (current) pieces.push(current);
  return pieces.map((piece) => piece.replace(/\n+$/, "")).filter((piece) => piece.length > 0);
}

/** The longest start of `text` within `maxBytes`, with "…" when something was cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  const ellipsis = "…";
  let kept = "";
  for (const character of text) {
    if (utf8Length(kept + character + ellipsis) > maxBytes) break;
    kept += character;
  }
  return kept + ellipsis;
}

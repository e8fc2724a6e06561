/**
 * Numbers as teachers type them: "40", "54.5", or small Chinese numerals ("四十", "第二个", "一百二十").
 * NUMBER is a regex source with one capturing group, for embedding in the intent patterns. It only starts
 * where a number starts (the lookbehind), so an unanchored search over a long run of digits stays linear
 * instead of retrying from every digit.
 */
const NUMBER_START = "(?<![\\d.零〇一二两三四五六七八九十百])";
const NUMBER_BODY = "\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百]+";
export const NUMBER = `${NUMBER_START}(${NUMBER_BODY})`;

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

const UNIT_VALUES: Readonly<Record<string, number>> = { 十: 10, 百: 100 };

/** "四十" → 40, "十五" → 15, "一百零五" → 105; undefined for a sequence that is not a numeral ("十十"). */
function parseChineseNumeral(numeral: string): number | undefined {
  let total = 0;
  let pendingDigit: number | undefined;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const char of numeral) {
    const digit = DIGIT_VALUES[char];
    if (digit !== undefined) {
      if (pendingDigit !== undefined && pendingDigit !== 0) return undefined;
      pendingDigit = digit;
      continue;
    }
    const unit = UNIT_VALUES[char];
    if (unit === undefined || unit >= lastUnit) return undefined;
    total += (pendingDigit ?? 1) * unit;
    pendingDigit = undefined;
    lastUnit = unit;
  }
  return total + (pendingDigit ?? 0);
}

/** The value of a NUMBER match, or undefined when it is not a usable number. */
export function parseNumber(token: string | undefined): number | undefined {
  if (token === undefined || token === "") return undefined;
  if (/^\d/.test(token)) {
    const value = Number(token);
    return Number.isFinite(value) ? value : undefined;
  }
  return parseChineseNumeral(token);
}

/**
 * An amount as typed, sign included: "-40学时" and "负40学时" are -40, for the handler to refuse, never
 * 40. The minus counts only where it cannot be a dash between two numbers ("20-40学时", "P2024-03").
 */
export const SIGNED_NUMBER = `((?:(?<![\\da-z.])- ?|负)?${NUMBER_START}(?:${NUMBER_BODY}))`;

/** The value of a SIGNED_NUMBER match. */
export function parseSignedNumber(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  const negative = token.startsWith("-") || token.startsWith("负");
  const value = parseNumber(negative ? token.slice(1).trimStart() : token);
  return value === undefined ? undefined : negative ? -value : value;
}

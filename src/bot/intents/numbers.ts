/**
 * Numbers as teachers type them: "40", "54.5", or small Chinese numerals ("四十", "第二个", "一百二十").
 * NUMBER is a regex source with one capturing group, for embedding in the intent patterns. It only starts
 * where a number starts (the lookbehind), so an unanchored search over a long run of digits stays linear
 * instead of retrying from every digit.
 */
export const NUMBER = "(?<![\\d.零〇一二两三四五六七八九十百])(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百]+)";

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

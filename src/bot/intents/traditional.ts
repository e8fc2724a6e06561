import * as OpenCC from "opencc-js/t2cn";

/**
 * Traditional characters to simplified ones, from OpenCC's complete table (standard traditional, which
 * also covers the Taiwan and Hong Kong variants teachers type: 裡, 爲, 綫), so a teacher on a
 * traditional-Chinese keyboard reaches every command. Character by character, not phrase by phrase:
 * the parser's source map keeps one normalised character per typed one, and no phrase of the bot's
 * vocabulary differs between the two scripts except by its characters.
 */
const toMainland = OpenCC.Converter({ from: "t", to: "cn" });

/** Distinct characters seen; capped so a message of random code points cannot grow it without bound. */
const CACHE_LIMIT = 20_000;
const cache = new Map<string, string>();

/** Below the CJK radicals block there is nothing to convert, so ASCII and Latin skip the lookup. */
const FIRST_CJK = 0x2e80;

export function toSimplified(char: string): string {
  if ((char.codePointAt(0) ?? 0) < FIRST_CJK) return char;
  const known = cache.get(char);
  if (known !== undefined) return known;
  const converted = toMainland(char);
  // A character is never converted to more than one; anything else would break the source map.
  const simplified = [...converted].length === 1 ? converted : char;
  if (cache.size < CACHE_LIMIT) cache.set(char, simplified);
  return simplified;
}

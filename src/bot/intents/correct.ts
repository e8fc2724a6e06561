import { pinyin } from "pinyin-pro";
import type { NormalisedText } from "./normalise.js";
import { replacementUnits, rewriteWords, WordTable, type Unit } from "./rewrite.js";

/**
 * Step 3 of understanding: the words teachers type for the bot's vocabulary, made into that vocabulary.
 * Regional and spoken words (积分 is what some regions call 学分, 咋样, 俺, 啥) come from a table; typos
 * and voice-input homophones of the domain's own words (学份, 学识, 做业, 审合) are found by pinyin: a
 * two-character word whose one character is right and whose other sounds the same is taken for the
 * domain word. Requiring one right character keeps common words out (几种 is not 集中).
 */

/** Spoken, regional and English-keyboard forms → the vocabulary the matchers know. Longest first wins. */
const SYNONYMS: readonly (readonly [typed: string, meant: string])[] = [
  ["积分", "学分"], ["学分数", "学分"], ["学时数", "学时"], ["课时", "学时"], ["继续教育学分", "学分"],
  ["咋样", "怎么样"], ["咋办", "怎么办"], ["咋整", "怎么办"], ["咋个", "怎么"], ["啷个", "怎么"], ["咋", "怎么"], ["怎样", "怎么样"],
  ["晓得", "知道"], ["瞅瞅", "看看"], ["瞅一下", "看一下"], ["瞅下", "看下"], ["瞧瞧", "看看"], ["瞧一下", "看一下"], ["瞧下", "看下"], ["谢啦", "谢谢"], ["多谢啦", "谢谢"],
  ["啥子", "什么"], ["啥", "什么"], ["么子", "什么"], ["神马", "什么"],
  ["俺们", "我们"], ["咱学校", "我们学校"], ["俺学校", "我们学校"], ["俺", "我"], ["咱们", "我们"], ["咱", "我"], ["偶的", "我的"], ["我滴", "我的"], ["够咧", "够了"],
  ["没得", "没有"], ["冇", "没有"], ["嘅", "的"], ["仲", "还"], ["啲", "些"], ["计唔计", "算不算"], ["算唔算", "算不算"], ["得唔得", "可不可以"], ["够未", "够没有"], ["㗎", "吗"], ["莫得", "没有"], ["木有", "没有"], ["没啦", "没有"],
  // "够不" closes a question in speech ("学分够不"); longer forms are kept as they are.
  ["够不够", "够不够"], ["够不", "够不够"], ["够没", "够没有"], ["够没有", "够没有"], ["够没够", "够没够"],
  ["中不中", "够不够"], ["得不得", "够不够"],
];

/**
 * The domain's two-character words a typo or a voice homophone is corrected to. Only words whose
 * near-homophones are not everyday words of their own (必修 is not 必须: xiu ≠ xu); 请假 and 心得 are left
 * out because 请加 (请加群) and 心的 (开心的) are.
 */
const DOMAIN_WORDS = [
  "学分", "学时", "作业", "明细", "审核", "达标", "催交", "绑定", "工号", "评课", "撤回", "退回", "报名",
  "培训", "研修", "结转", "主讲", "选修", "必修", "校本", "学历", "截止", "统计", "通知", "证书", "待办",
];

const SYNONYM_WORDS = new WordTable(SYNONYMS);

/** Toneless readings of one character (all of them: 得 is de and dei); cached, capped like the converter's. */
const READINGS_CACHE_LIMIT = 20_000;
const readingsCache = new Map<string, ReadonlySet<string>>();

function readingsOf(char: string): ReadonlySet<string> {
  const known = readingsCache.get(char);
  if (known !== undefined) return known;
  const readings = new Set(pinyin(char, { multiple: true, type: "array", toneType: "none" }).filter((reading) => reading !== char));
  if (readingsCache.size < READINGS_CACHE_LIMIT) readingsCache.set(char, readings);
  return readings;
}

function soundAlike(typed: string, meant: string): boolean {
  const meantReadings = readingsOf(meant);
  for (const reading of readingsOf(typed)) if (meantReadings.has(reading)) return true;
  return false;
}

/**
 * Domain words whose first character is mistyped too (做业). For the others only the second may be wrong:
 * a wrong first character is too often the end of another word (取消本群 is not 取校本群).
 */
const FIRST_CHARACTER_TYPOS = ["作业"];

/** For each character, the domain words it begins (学 → 学分, 学时, 学历) or ends (业 → 作业). */
const WORDS_BY_FIRST = new Map<string, string[]>();
const WORDS_BY_SECOND = new Map<string, string[]>();
const DOMAIN_WORD_SET = new Set(DOMAIN_WORDS);
for (const word of DOMAIN_WORDS) {
  const [first = "", second = ""] = word.split("");
  WORDS_BY_FIRST.set(first, [...(WORDS_BY_FIRST.get(first) ?? []), word]);
  if (FIRST_CHARACTER_TYPOS.includes(word)) WORDS_BY_SECOND.set(second, [...(WORDS_BY_SECOND.get(second) ?? []), word]);
}

const HAN = /^\p{Script=Han}$/u;
/** Numerals are never a typo: "再学十二个学时" is twelve hours, not 学时 followed by 二. */
const NUMERAL = /^[零〇一二两三四五六七八九十百千万]$/u;

/** The domain word the two characters were meant as, when exactly one is right and the other sounds it. */
function domainWordFor(first: string, second: string): string | undefined {
  if (!HAN.test(first) || !HAN.test(second) || DOMAIN_WORD_SET.has(first + second)) return undefined;
  if (NUMERAL.test(first) || NUMERAL.test(second)) return undefined;
  for (const word of WORDS_BY_FIRST.get(first) ?? []) if (soundAlike(second, word.charAt(1))) return word;
  for (const word of WORDS_BY_SECOND.get(second) ?? []) if (soundAlike(first, word.charAt(0))) return word;
  return undefined;
}

/** Homophone typos of the domain words, each two-character window checked once, left to right. */
function correctHomophones(units: readonly Unit[]): Unit[] {
  const corrected: Unit[] = [];
  let index = 0;
  while (index < units.length) {
    const first = units[index];
    const second = units[index + 1];
    const word = first !== undefined && second !== undefined ? domainWordFor(first.char, second.char) : undefined;
    if (word === undefined) {
      if (first !== undefined) corrected.push(first);
      index += 1;
      continue;
    }
    corrected.push(...replacementUnits(units.slice(index, index + 2), word));
    index += 2;
  }
  return corrected;
}

export function corrected(message: NormalisedText): NormalisedText {
  return message.withUnits(correctHomophones(rewriteWords(message.units, SYNONYM_WORDS)));
}

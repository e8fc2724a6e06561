import type { NormalisedText } from "./normalise.js";
import { rewriteWords, WordTable, type Unit } from "./rewrite.js";

/**
 * Step 2 of understanding: politeness and fillers carry no command, and a question must work with or
 * without them. "老师您好，那个我想问一下就是我的学分够不够呀老师，谢谢" asks "我的学分够不够". Openings
 * are dropped from the start and endings from the end, repeatedly; a few fillers that voice input leaves
 * mid-sentence are dropped anywhere. What is left may be empty ("谢谢老师"): small talk reads `content`.
 */

/** Polite openings and hesitations ("老师好，请问…", "那个我想问一下就是…"). */
const OPENINGS = [
  "各位老师好", "老师们好", "老师您好", "老师你好", "老师好", "各位老师", "老师们", "老师", "亲", "小助手", "助手", "机器人",
  "您好", "你好", "在吗", "在不在", "在么", "打扰一下", "打扰了", "打扰", "不好意思", "请教一下", "请教",
  "请问一下", "请问下", "请问", "请帮我", "请帮忙", "请您", "请你", "麻烦您", "麻烦你", "麻烦看一下", "麻烦看下", "麻烦",
  "帮我", "帮忙", "我想问一下", "我想问下", "我想问问", "我想问", "想问一下", "想问下", "想问问", "想问", "问一下", "问下", "顺便问一下", "顺便问下", "顺便问问", "顺便",
  "我想咨询一下", "我想咨询", "咨询一下", "咨询下", "咨询", "我想了解一下", "想了解一下", "了解一下", "我想知道", "想知道",
  "我想", "那个", "这个那个", "就是说", "就是", "嗯嗯", "嗯", "呃", "额", "哎", "唉", "诶", "哦", "噢", "啊",
  "hello", "hi", "hey", "please", "pls", "excuse me", "excuseme", "sorry",
];

/** Endings a question trails off with ("…呀老师", "…谢谢老师", "…麻烦了", "…在线等"). */
const ENDINGS = [
  "谢谢老师", "谢谢您", "谢谢你", "谢谢啦", "谢谢了", "谢谢", "谢了", "多谢", "感谢", "感谢老师", "辛苦了", "辛苦",
  "麻烦了", "麻烦您了", "麻烦你了", "麻烦老师了", "拜托了", "拜托", "在线等", "急急急", "急", "哈", "哈哈",
  "thanks", "thank you", "thankyou", "thx", "please", "pls",
];

/** Dropped wherever they stand: voice input runs them into the middle ("学分那个我想问一下够不够"). */
const FILLERS_ANYWHERE = ["那个我想问一下就是", "那个", "我想问一下", "想问一下", "请问一下", "麻烦看一下", "麻烦看下", "就是说", "嗯嗯", "呃"];

/** Sentence-final particles and punctuation: "学时够了吗？" asks the same as "学时够了". */
const PARTICLES = new Set(["吗", "呢", "啊", "呀", "吧", "哦", "嘛", "啦", "哈", "嘞", "咯", "哇", "噻", "哟", "?", "!", "。", ".", "~", ",", "、", "…", " ", ";", ":"]);

/** Punctuation between a courtesy and the question ("老师好，请问…"). */
const SEPARATORS = new Set([" ", ",", "、", "。", "!", "~", ":", ";", "…", "."]);

/** 老师 ends a question only after a particle or a break ("够了吗老师", "够了吗，老师"), not in "联系老师". */
const TEACHER = "老师";

const OPENING_WORDS = new WordTable(OPENINGS.map((word) => [word, ""] as const));
const ENDING_WORDS = new WordTable(ENDINGS.map((word) => [word, ""] as const));
const FILLER_WORDS = new WordTable(FILLERS_ANYWHERE.map((word) => [word, ""] as const));

function isAsciiLetter(char: string | undefined): boolean {
  return char !== undefined && char >= "a" && char <= "z";
}

/** An English word counts only as a whole word: "hi" does not open "history". */
function wholeWord(units: readonly Unit[], start: number, end: number): boolean {
  return !(isAsciiLetter(units[start]?.char) && (isAsciiLetter(units[end]?.char) || isAsciiLetter(units[start - 1]?.char)));
}

/**
 * Who is asking, said before the question ("我是三小的王老师", "我是新来的老师", "本人是班主任"): a name or a school
 * of a few characters, then the role. Read from a short window, so the cost stays linear.
 */
const SELF_INTRODUCTION = /^(?:我是|我叫|本人是?)[^,.!?:; ]{0,12}?(?:老师|教师|班主任|校长|主任|管理员)/u;
const INTRODUCTION_WINDOW = 24;

function introductionAt(units: readonly Unit[], start: number): number {
  const window = units.slice(start, start + INTRODUCTION_WINDOW).map((unit) => unit.char).join("");
  return SELF_INTRODUCTION.exec(window)?.[0].length ?? 0;
}

function startOfQuestion(units: readonly Unit[]): number {
  let start = 0;
  for (;;) {
    while (start < units.length && SEPARATORS.has(units[start]?.char ?? "")) start += 1;
    const introduction = introductionAt(units, start);
    if (introduction > 0 && introduction < units.length - start) {
      start += introduction;
      continue;
    }
    const opening = OPENING_WORDS.longestAt(units, start);
    if (opening === undefined || !wholeWord(units, start, start + opening.length)) return start;
    start += opening.length;
  }
}

function endOfQuestion(units: readonly Unit[], start: number): number {
  let end = units.length;
  for (;;) {
    while (end > start && PARTICLES.has(units[end - 1]?.char ?? "")) end -= 1;
    const ending = ENDING_WORDS.longestEndingAt(units, end, start);
    if (ending !== undefined && wholeWord(units, end - ending.length, end)) {
      end -= ending.length;
      continue;
    }
    const beforeTeacher = end - TEACHER.length;
    const isTeacher = units[beforeTeacher]?.char === TEACHER[0] && units[beforeTeacher + 1]?.char === TEACHER[1];
    if (isTeacher && beforeTeacher > start && PARTICLES.has(units[beforeTeacher - 1]?.char ?? "")) {
      end = beforeTeacher;
      continue;
    }
    return end;
  }
}

export function withoutPoliteness(message: NormalisedText): NormalisedText {
  const units = message.units;
  const start = startOfQuestion(units);
  const end = endOfQuestion(units, start);
  return message.withUnits(rewriteWords(units.slice(start, end), FILLER_WORDS));
}

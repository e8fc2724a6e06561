import { QuestionMatcher } from "./coverage.js";
import { NUMBER, parseNumber } from "./numbers.js";
import type { Intent, Matcher } from "./types.js";

/**
 * Questions about the teacher's own credits. Checked most specific first: why (为什么是54分) before
 * details (学分明细, 2024年的记录) before balance (学分, 今年学时), because the specific questions contain
 * the balance words too.
 */

const WHY_WORDS = [
  "为什么", "为啥", "为何", "怎么算", "怎么计算", "如何计算", "怎么来的", "怎么得的", "怎么只有", "怎么才", "怎么这么",
  "咋算", "咋只有", "咋这么", "why", "howcome", "howisitcalculated", "explain",
];
/**
 * "为什么今天不开会" is not about credits: a why needs one of these, or a number (the total being
 * questioned, "why is it 54"), unless it is that short.
 */
const CREDIT_CONTEXT = ["分", "学时", "算", "记录", "成绩", "合格", "不够", "少", "多", "只有", "才", "这么", "credit", "hour", "score", "point"];
const HAS_DIGIT = /\d/;
const SHORT_WHY_LENGTH = 6;
/** The total being questioned: a number with its unit, or a bare number ending the question ("为什么是54"). */
const WHY_AMOUNT = [new RegExp(`${NUMBER} ?个?(?:学分|学时|分)`), new RegExp(`${NUMBER}$`)];

const CREDIT_WORDS = ["学分", "学时", "credits", "credit", "hours"];

const BALANCE_FILLERS = [
  "还差", "差", "够", "够了", "够不够", "够没够", "没", "没有", "了没", "修了", "修够", "修满", "拿了", "拿到", "得了", "得到",
  "获得", "已经", "已", "完成", "进度", "满", "统计一下", "统计",
  "这学期", "本学期", "学期", "今年", "本年度", "本年", "年度", "这一年", "周期", "本周期", "这个周期", "五年",
  "总", "合计", "累计", "培训", "继续教育", "继教", "剩下", "剩余", "剩", "还需", "还要", "多", "少", "一共",
  "enough", "left", "need", "still", "balance", "total", "thisyear", "earned", "remaining", "am", "short", "many", "much",
  "how", "in", "cycle", "year", "this",
];

const DETAIL_FILLERS = [
  "学分", "学时", "培训", "年", "今年", "去年", "前年", "年度", "每笔", "继教", "继续教育", "参训", "历年", "往年", "以前", "之前",
  "里", "列出", "this", "year", "last", "credits", "credit", "hours", "training", "trainings",
];

const DETAILS = new QuestionMatcher({
  keywords: ["明细", "记录", "清单", "详情", "详细", "流水", "每一笔", "档案", "履历", "records", "record", "details", "detail", "history", "breakdown"],
  fillers: DETAIL_FILLERS,
});

/** "2024年的学分" names a year, so it asks for that year's records rather than the current balance. */
const CREDITS_OF_A_YEAR = new QuestionMatcher({ keywords: CREDIT_WORDS, fillers: [...DETAIL_FILLERS, ...BALANCE_FILLERS] });

const BALANCE = new QuestionMatcher({ keywords: [...CREDIT_WORDS, "差多少", "还差", "达标"], fillers: BALANCE_FILLERS });

const THIS_YEAR_WORDS = ["今年", "本年", "年度", "这一年", "thisyear", "annual"];

/** "2024年", "24年", "2024年度"; a bare "2024" too, unless it is part of a code such as P2024-03. */
const EXPLICIT_YEAR = /(?<!\d)(\d{4}|\d{2})年度?|(?<![\da-z-])(20\d{2})(?![\d-])/;
const YEARS_AGO: readonly (readonly [word: string, yearsAgo: number])[] = [["前年", 2], ["去年", 1], ["lastyear", 1]];

type DetailsIntent = Extract<Intent, { kind: "details" }>;

/** The year a details question names and the text without it, or undefined when it names none. */
export function namedYear(compact: string): { year: Pick<DetailsIntent, "year" | "yearsAgo">; rest: string } | undefined {
  const explicit = EXPLICIT_YEAR.exec(compact);
  const digits = explicit?.[1] ?? explicit?.[2];
  if (explicit !== null && digits !== undefined) {
    const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
    return { year: { year }, rest: compact.replace(explicit[0], "") };
  }
  const relative = YEARS_AGO.find(([word]) => compact.includes(word));
  return relative === undefined ? undefined : { year: { yearsAgo: relative[1] }, rest: compact.replace(relative[0], "") };
}

export const matchWhy: Matcher = (message) => {
  const { compact } = message;
  if (!WHY_WORDS.some((word) => compact.includes(word))) return undefined;
  const aboutCredits = HAS_DIGIT.test(compact) || CREDIT_CONTEXT.some((word) => compact.includes(word));
  if (compact.length > SHORT_WHY_LENGTH && !aboutCredits) return undefined;
  const amount = parseNumber(WHY_AMOUNT.map((pattern) => pattern.exec(message.text)?.[1]).find((token) => token !== undefined));
  return amount === undefined ? { kind: "why" } : { kind: "why", amount };
};

export const matchDetails: Matcher = (message) => {
  const named = namedYear(message.compact);
  const rest = named?.rest ?? message.compact;
  if (!DETAILS.matches(rest) && !(named !== undefined && CREDITS_OF_A_YEAR.matches(rest))) return undefined;
  // 今年的记录 names this year; with no year at all the question covers the whole cycle.
  const thisYear = THIS_YEAR_WORDS.some((word) => message.compact.includes(word)) ? { yearsAgo: 0 } : {};
  return { kind: "details", ...(named?.year ?? thisYear) };
};

export const matchBalance: Matcher = (message) => {
  if (!BALANCE.matches(message.compact)) return undefined;
  return { kind: "balance", period: THIS_YEAR_WORDS.some((word) => message.compact.includes(word)) ? "year" : "cycle" };
};

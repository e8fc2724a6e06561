import type { Category, Level, Mode, Result, Role } from "../../credits/vocabulary.js";
import type { NormalisedText } from "./normalise.js";
import { NUMBER, parseNumber, parseSignedNumber, SIGNED_NUMBER } from "./numbers.js";
import type { AssignmentKind, RequirementPart } from "./types.js";
import {
  ASSIGNMENT_KIND_WORDS, CATEGORY_WORDS, findWord, LEVEL_WORDS, MODE_WORDS, PART_WORDS, RESULT_WORDS, ROLE_WORDS, SCOPE_WORDS,
  type Scope,
} from "./vocabulary.js";

/**
 * Step 4 of understanding: the parameters a message names, whatever it asks. Classifying then decides
 * which of them the intent uses: 集中培训 is the part asked about in "集中培训够了吗" and the mode of the
 * training in "如果再参加集中培训40学时". Amounts keep their sign ("-40学时" is -40, for the handler to
 * refuse); nothing is range-checked here.
 */
export interface Slots {
  part?: RequirementPart;
  mode?: Mode;
  level?: Level;
  result?: Exclude<Result, "fail">;
  role?: Role;
  category?: Category;
  hours?: number;
  credits?: number;
  /** An explicit calendar year ("2025年", "24年"). */
  year?: number;
  /** 去年 = 1, 前年 = 2; the parser has no clock. */
  yearsAgo?: number;
  /** 今年 / 本年度: the year's 学时 rather than the cycle's 学分. */
  thisYear?: true;
  assignmentNumber?: number;
  assignmentKind?: AssignmentKind;
  projectCode?: string;
  /** Whose numbers: 我们学校 / 全区 (an administrator's question). */
  scope?: Scope;
  /** Someone other than the sender named ("张老师的学分"): the sender's own numbers would be wrong. */
  person?: string;
}

/** "24学时", "24个学时", "24 hours", "a 24-hour training". */
export const HOURS = new RegExp(`${SIGNED_NUMBER} ?-?个?(?:(?:more|extra|additional) )?(?:学时|小时|hours?|hrs?|h(?![a-z]))`);
export const CREDITS = new RegExp(`${SIGNED_NUMBER} ?-?个?(?:(?:more|extra|additional) )?(?:学分|credits?)`);

/** "2024年", "24年", "2024年度"; a bare "2024" too, unless it is part of a code such as P2024-03. */
const EXPLICIT_YEAR = /(?<!\d)(\d{4}|\d{2})年度?|(?<![\da-z-])(20\d{2})(?![\d-])/;
/** 二零二四年, 二〇二五年, 二四年: years spelt digit by digit. */
const SPELT_YEAR = /(?<![零〇一二三四五六七八九十])([零〇一二三四五六七八九]{4}|[零〇一二三四五六七八九]{2})年/u;
const SPELT_DIGITS: Readonly<Record<string, string>> = {
  零: "0", 〇: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9",
};
/** 前年 only as a word of its own: 以前年度 / 之前年份 are "earlier years", no year in particular. */
const YEARS_AGO: readonly (readonly [word: RegExp, yearsAgo: number])[] = [[/(?<![以之从提])前年/, 2], [/去年/, 1], [/上一年/, 1], [/lastyear/, 1]];
const THIS_YEAR_WORDS = ["今年", "本年", "年度", "这一年", "当年", "每年", "一年", "thisyear", "annual", "peryear", "ayear"];

/** Letters then digits, dash-separated parts: "P2024-03". Not inside a word ("enrollp2024" is no code). */
const PROJECT_CODE = /(?<![a-z])[a-z]{1,4}\d{2,}(?:-\d+)*/;

/**
 * 作业2, 第二个作业, 2号作业, 第2项. A bare 第N counts only where nothing else follows it: 第二批 / 第三周 are a
 * batch and a week, not assignment two or three.
 */
const ASSIGNMENT_NUMBER = new RegExp(
  `作业 ?第?${NUMBER}|第${NUMBER}(?:(?:个|份|项|次|篇)(?:作业)?|作业|(?=$|的|[ ,]))|${NUMBER}号作业|assignment ?${NUMBER}`,
);

/**
 * Another person named: "张老师的学分", "李明还差多少" is too open to guess, so only a name before 老师
 * or a mention left in the middle counts. Words that end in 老师 without naming anyone are not names.
 */
const NAMED_TEACHER = /([\p{Script=Han}]{1,3})老师(?:的|还|有|够|差)/u;
const NOT_NAMES = /^(?:各位|我们|你们|他们|咱们|本校|学校|管理员|管理|班主任|联系|找|问|请|谢谢|您好|你好|好|的|位|个|哪个|哪位|什么|区里|校里|负责)$/u;
const MID_MENTION = /(?:^| )@([^\s@]{1,20})/u;

function amountOf(text: string, pattern: RegExp): number | undefined {
  return parseSignedNumber(pattern.exec(text)?.[1]);
}

function yearOf(spaced: string): Pick<Slots, "year" | "yearsAgo"> {
  const explicit = EXPLICIT_YEAR.exec(spaced);
  const spelt = SPELT_YEAR.exec(spaced)?.[1];
  const compact = spaced.replaceAll(" ", "");
  const digits = explicit?.[1] ?? explicit?.[2] ?? (spelt === undefined ? undefined : [...spelt].map((char) => SPELT_DIGITS[char] ?? "").join(""));
  if (digits !== undefined) return { year: digits.length === 2 ? 2000 + Number(digits) : Number(digits) };
  const relative = YEARS_AGO.find(([word]) => word.test(compact));
  return relative === undefined ? {} : { yearsAgo: relative[1] };
}

function personOf(text: string): string | undefined {
  const named = NAMED_TEACHER.exec(text)?.[1];
  // "找张老师", "问李老师" address someone; the name is what follows the verb.
  const name = named?.replace(/^(?:找|问|请|给|让|和|跟|帮)/u, "");
  if (name !== undefined && name !== "" && !NOT_NAMES.test(name)) return name;
  return MID_MENTION.exec(text)?.[1];
}

export function assignmentNumberOf(compact: string): number | undefined {
  // 一 in 交一下 / 看一下 is not assignment number one.
  const match = ASSIGNMENT_NUMBER.exec(compact.replaceAll("一下", ""));
  return parseNumber(match?.slice(1).find((group) => group !== undefined));
}

export function slotsOf(message: NormalisedText): Slots {
  const { text, compact } = message;
  // Years are read from the spaced text: in `compact` "records for 2024" runs the year into a word.
  const codeless = text.replace(PROJECT_CODE, "");
  const slots: Slots = {
    part: findWord(compact, PART_WORDS)?.meaning,
    mode: findWord(compact, MODE_WORDS)?.meaning,
    level: findWord(compact, LEVEL_WORDS)?.meaning,
    result: findWord(compact, RESULT_WORDS)?.meaning,
    role: findWord(compact, ROLE_WORDS)?.meaning,
    category: findWord(compact, CATEGORY_WORDS)?.meaning,
    hours: amountOf(text, HOURS),
    credits: amountOf(text, CREDITS),
    ...yearOf(codeless),
    thisYear: THIS_YEAR_WORDS.some((word) => compact.includes(word)) || undefined,
    assignmentNumber: assignmentNumberOf(compact),
    assignmentKind: findWord(compact, ASSIGNMENT_KIND_WORDS)?.meaning,
    projectCode: PROJECT_CODE.exec(text)?.[0].toUpperCase(),
    scope: findWord(compact, SCOPE_WORDS)?.meaning,
    person: personOf(text),
  };
  return Object.fromEntries(Object.entries(slots).filter(([, value]) => value !== undefined)) as Slots;
}

import { QuestionMatcher } from "./coverage.js";
import { NUMBER, parseNumber } from "./numbers.js";
import type { Matcher } from "./types.js";
import { MODE_WORDS, PART_WORDS } from "./vocabulary.js";

/**
 * Questions about the teacher's own credits. Checked most specific first: why (为什么是54分) before
 * details (学分明细, 2024年的记录) before balance (学分, 今年学时), because the specific questions contain
 * the balance words too.
 */

const WHY_WORDS = [
  "为什么", "为啥", "为何", "怎么算", "怎么计算", "如何计算", "怎么来的", "怎么得的", "怎么只有", "怎么才", "怎么这么",
  "咋算", "咋只有", "算出来的", "得出来", "怎么得出", "howdidyouget", "howdidyoucalculate", "咋这么", "计算过程", "计算方法", "怎么算出来", "算法", "why", "howcome", "howisitcalculated", "calculated", "worked out", "workedout", "explain",
];
/**
 * "为什么今天不开会" is not about credits: a why needs one of these, or a number (the total being
 * questioned, "why is it 54"), unless it is that short.
 */
const CREDIT_CONTEXT = ["分", "学时", "算", "记录", "成绩", "合格", "不够", "少", "多", "只有", "才", "这么", "credit", "hour", "score", "point", "balance", "total"];
const HAS_DIGIT = /\d/;
const SHORT_WHY_LENGTH = 6;
/** The total being questioned: a number with its unit, or a bare number ending the question ("为什么是54"). */
const WHY_AMOUNT = [new RegExp(`${NUMBER} ?个?(?:学分|学时|分|credits?|hours?|points?)`), new RegExp(`${NUMBER}$`)];

const CREDIT_WORDS = ["学分", "学时", "credits", "credit", "hours"];

const BALANCE_FILLERS = [
  "还差", "差", "够", "够了", "够不够", "够没够", "没", "没有", "了没", "修了", "修够", "修满", "拿了", "拿到", "得了", "得到",
  "获得", "已经", "已", "完成", "进度", "满", "统计一下", "统计", "攒", "攒了", "攒得", "搞",
  "这学期", "本学期", "学期", "今年", "本年度", "本年", "年度", "这一年", "周期", "本周期", "这个周期", "五年",
  "总", "合计", "累计", "培训", "继续教育", "继教", "剩下", "剩余", "剩", "还需", "还要", "多", "少", "一共",
  "修够没", "修够了", "修完", "学完", "完成没", "好像", "感觉", "担心", "有点", "怕", "是不是", "应该", "完不成", "一点", "完成度", "内", "这块", "这边", "那边", "这部分", "确认", "missing", "还缺", "缺", "几分", "几个", "课", "怎么办", "怎么样", "情况",
  "不知道", "怎么查", "在哪查", "怎么看", "在哪看", "评职称", "职称", "急用", "急", "老师", "好多", "不", "修", "余额", "账户", "合格", "及格", "能过", "过了", "过", "ok", "搞定", "弄完", "弄好", "完了",
  "任务", "学年", "本学年", "这学年", "才", "才能", "才够", "算算", "算一下", "帮我算", "离", "距离", "要求", "出来", "统计出来", "欠", "到", "够数", "数",
  "status", "ontrack", "on", "track", "far", "from", "the", "requirement", "howfar",
  "enough", "left", "need", "still", "balance", "total", "thisyear", "earned", "remaining", "am", "short", "many", "much",
  "how", "in", "cycle", "year", "this", "done", "complete", "completed", "there", "far", "hours", "'s", "my", "of",
  "worried", "worry", "to", "i", "finishing", "finish", "finished", "notsure", "sure", "if", "whether", "not", "aren't", "arent", "isn't", "more",
];

const DETAIL_FILLERS = [
  "学分", "学时", "培训", "年", "今年", "去年", "前年", "年度", "每笔", "继教", "继续教育", "参训", "历年", "往年", "以前", "之前",
  "里", "列出", "列一下", "列个", "都是", "哪些", "什么", "上学期", "这学期", "本学期", "学期", "this", "year", "last", "credits", "credit", "hours", "training",
  "trainings", "list", "for", "'s", "attended", "did", "i", "my", "把", "发我", "给我", "发给我", "show", "all", "from",
  "学习", "发一下", "能", "看看", "参加", "参加的",
];

/** The trainings she attended ("我参加过哪些培训", "我的学分都是哪些培训得的") are her records too. */
const DETAILS = new QuestionMatcher({
  keywords: [
    "明细", "记录", "清单", "详情", "我的培训", "参加的培训", "列出来", "学了哪些", "学了什么", "学过什么", "从哪来", "哪来的", "构成", "组成", "来源", "是哪些培训", "是什么培训", "来自哪些", "详细", "流水", "每一笔", "档案", "履历", "参加过", "参加了哪些", "参加了什么", "参加了哪几", "记了哪些", "登记了哪些", "录了哪些", "培训得的", "学过哪些",
    "records", "record", "details", "detail", "history", "breakdown", "attended", "mytrainings",
  ],
  fillers: DETAIL_FILLERS,
});

/** "2024年的学分" names a year, so it asks for that year's records rather than the current balance. */
const CREDITS_OF_A_YEAR = new QuestionMatcher({ keywords: [...CREDIT_WORDS, "trainings"], fillers: [...DETAIL_FILLERS, ...BALANCE_FILLERS] });

const TRAININGS_OF_A_YEAR = new QuestionMatcher({ keywords: ["培训", "研修"], fillers: DETAIL_FILLERS });

/**
 * Her standing, in whichever words: the units, what is left (还差, 还欠), having met it (达标, 修够, 修满), what she
 * has done (修了多少, 完成情况) or continuing education as a whole (我的继续教育完成情况).
 */
const BALANCE = new QuestionMatcher({
  keywords: [
    ...CREDIT_WORDS, "compliant", "差多少", "还差", "还欠", "学了多少", "学了几", "能过", "达标", "修了多少", "修了几", "修够", "修满", "我够不够", "我够没够", "我够了",
    "继续教育", "继教", "balance", "ontrack", "howfar", "howclose",
  ],
  fillers: BALANCE_FILLERS,
});

export const matchWhy: Matcher = (message, slots) => {
  const { compact } = message;
  if (slots.person !== undefined) return undefined;
  if (!WHY_WORDS.some((word) => compact.includes(word))) return undefined;
  const aboutCredits = HAS_DIGIT.test(compact) || CREDIT_CONTEXT.some((word) => compact.includes(word));
  if (compact.length > SHORT_WHY_LENGTH && !aboutCredits) return undefined;
  const amount = parseNumber(WHY_AMOUNT.map((pattern) => pattern.exec(message.text)?.[1]).find((token) => token !== undefined));
  return amount === undefined ? { kind: "why" } : { kind: "why", amount };
};

/** A named year is dropped before matching: "2024年的学分" asks for that year's records. */
const YEAR_WORDS = /(?<!\d)(?:\d{4}|\d{2})年度?|(?<![\d-])20\d{2}(?![\d-])|[零〇一二三四五六七八九]{2,4}年|前年|去年|上一年|lastyear/g;

/** 今年的培训记录 is this year's records: 0 years ago (the parser has no clock to name the year). */
const THIS_YEAR = /今年|本年度|thisyear/;

export const matchDetails: Matcher = (message, slots) => {
  if (slots.person !== undefined) return undefined;
  const named = slots.year !== undefined || slots.yearsAgo !== undefined;
  const rest = named ? message.compact.replace(YEAR_WORDS, "") : message.compact;
  // A past year's trainings are records ("前年的培训"); a year alone may be one still to come.
  const pastTrainings = (slots.yearsAgo ?? 0) >= 1 && TRAININGS_OF_A_YEAR.matches(rest);
  if (!DETAILS.matches(rest) && !(named && CREDITS_OF_A_YEAR.matches(rest)) && !pastTrainings) return undefined;
  const yearsAgo = slots.yearsAgo ?? (slots.year === undefined && THIS_YEAR.test(message.compact) ? 0 : undefined);
  return {
    kind: "details",
    ...(slots.year !== undefined && { year: slots.year }),
    ...(yearsAgo !== undefined && { yearsAgo }),
  };
};

/**
 * One part of the requirement ("集中培训够了吗", "信息技术2.0还差多少"): its name, then words that ask how
 * far along it is; the part's name alone is no question ("集中培训" lists nothing).
 */
const PART_PROGRESS = new QuestionMatcher({
  keywords: [
    "够", "差", "缺", "达标", "多少", "完成", "修满", "修够", "进度", "还需", "还要", "满了", "情况", "enough", "left", "need", "complete", "done",
    "finished", "needed", "howfar", "progress", "修完", "学完", "missing", "howmany", "howmuch",
  ],
  fillers: [
    ...BALANCE_FILLERS, ...CREDIT_WORDS, "的", "了", "培训", "研修", "科目", "课程", "课", "工程", "2.0", "小时", "training", "trainings", "course", "courses",
    "programme", "program", "still", "needed", "i", "am", "on", "学习", "do", "have", "this", "year", "thisyear", "are", "my", "of", "hours",
  ],
});

/** Every name of a part ("信息技术融合" is two of them), dropped before asking whether the rest asks how far. */
const PART_NAMES = new RegExp(
  [...PART_WORDS, ...MODE_WORDS].map(([word]) => word.replace(/[.]/g, "\\.")).sort((a, b) => b.length - a.length).join("|"),
  "g",
);

/** The requirement she quotes ("今年够72学时了吗") is no part of the question's words. */
const QUOTED_AMOUNT = /(?<![\d.])\d+(?:\.\d+)?个?(?=学时|学分)/g;
/** "有没有能加学分的培训" asks for trainings (projects), not for her credits. */
const ASKS_FOR_TRAININGS = /有.{0,12}(?:培训|课程|项目)$/;

/**
 * "同事都说自己学分够了 我的呢": after someone else's credits, 我的呢 / 那我呢 / 我咧 asks for her own. The
 * particle is read from the content, since politeness removal takes it from the end of the compact text.
 */
const MY_TURN = /(?:那|那么)?我(?:的|自己|自己的)?(?:呢|咧|嘞)$/;
const OTHERS = /同事|别人|人家|他们|她们|大家|老师|其他人|别的学校|隔壁|朋友|同学|others|colleague|everyone/;
const OTHERS_CREDITS = /学分|学时|修够|修满|达标|credits?|hours/;

function asksMyTurn(content: string): boolean {
  const compact = content.replace(/\s/g, "");
  const turn = MY_TURN.exec(compact);
  if (turn === null) return false;
  const before = compact.slice(0, turn.index);
  return OTHERS.test(before) && OTHERS_CREDITS.test(before);
}

export const matchBalance: Matcher = (message, slots) => {
  if (slots.person !== undefined || ASKS_FOR_TRAININGS.test(message.compact)) return undefined;
  if (asksMyTurn(message.content)) return { kind: "balance", period: slots.thisYear ? "year" : "cycle" };
  const compact = message.compact.replace(QUOTED_AMOUNT, "");
  const period = slots.thisYear ? "year" : "cycle";
  // One part: how far along it is ("集中培训够了吗"), or its credits ("我这个2.0的学时"); its name alone asks nothing.
  const withoutParts = compact.replace(PART_NAMES, "");
  if (slots.part !== undefined && (PART_PROGRESS.matches(withoutParts) || BALANCE.matches(withoutParts))) {
    return { kind: "balance", period, part: slots.part };
  }
  if (!BALANCE.matches(compact)) return undefined;
  return { kind: "balance", period };
};

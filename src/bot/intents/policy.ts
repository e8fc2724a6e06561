import { QuestionMatcher } from "./coverage.js";
import { namedYear } from "./credit-questions.js";
import type { Matcher, PolicyTopic, RequirementPart } from "./types.js";

/**
 * Questions about the region's rules (优秀加分吗, 请假扣不扣, 2025年的学时还能补吗) and about one part of the
 * requirement (信息技术2.0还差多少, 集中培训够了吗). A topic is recognised by a word of its subject together
 * with a word of its question, so "明天请假" (no question about counting) stays unrecognised.
 */

/** `question` absent: the subject word alone asks the question (结转, 换算). */
type TopicWords = { readonly topic: Exclude<PolicyTopic, "make_up">; readonly subject: readonly string[]; readonly question?: readonly string[] };

const COUNTS = ["算", "计", "扣", "登记", "学分", "学时", "有没有", "影响", "怎么办"];

/** Checked in order: the more specific subjects first (不合格 before 合格 words in grade bonuses). */
const TOPICS: readonly TopicWords[] = [
  { topic: "failed", subject: ["不合格", "不及格", "没合格", "没及格", "考核没过", "没考过"], question: COUNTS },
  { topic: "leave", subject: ["请假", "缺勤", "缺课", "病假", "事假", "没去上", "缺席"], question: COUNTS },
  { topic: "lecturer_bonus", subject: ["主讲", "授课", "讲课", "当讲师", "做讲座", "讲座"], question: ["加", "奖励", "多算", "算", "计", "翻倍"] },
  { topic: "grade_bonus", subject: ["优秀", "良好", "等次", "评优"], question: ["加", "奖励", "多算", "多给", "算多少"] },
  {
    topic: "degree_upgrade",
    subject: ["学历提升", "提升学历", "学历进修", "读研", "在职研究生", "研究生", "专升本", "函授", "自考", "学历教育"],
    question: ["抵", "算", "顶", "免", "计", "代替", "学分", "学时"],
  },
  { topic: "conversion", subject: ["换算", "折算", "折合", "学时算一学分", "学时算1学分", "学时算一个学分", "学时等于", "学分等于", "学分是几", "学分是多少学时", "学时一学分", "学时1学分", "学时为一学分", "学时为1学分"] },
  { topic: "carry_over", subject: ["结转", "顺延"] },
  { topic: "carry_over", subject: ["多出", "超出", "多余", "多了的"], question: ["算", "用", "转", "抵", "留", "明年", "下一年", "下个周期", "下周期", "作废", "清零", "怎么办"] },
  {
    topic: "consequences",
    subject: ["不达标", "没达标", "达不到", "没修够", "修不够", "完不成", "没完成", "没修满", "不够"],
    question: ["后果", "怎么办", "会怎样", "会怎么样", "有什么影响", "影响", "处罚", "处理", "会不会"],
  },
  {
    topic: "requirement",
    subject: ["每年", "一年", "每学年", "五年", "一个周期", "每个周期", "每周期", "周期内", "总共要", "标准", "要求"],
    question: ["多少", "要几", "几个学", "是什么"],
  },
  {
    topic: "dates",
    subject: ["周期", "年度", "学年度", "统计"],
    question: ["从哪", "哪天", "起止", "什么时候开始", "什么时候结束", "什么时候截止", "几号", "到哪", "到什么时候", "哪年到哪年", "开始", "结束", "截止"],
  },
];

const MAKE_UP_WORDS = ["还能补", "能补", "可以补", "补吗", "补上", "补登", "补录", "补学时", "补学分", "补救", "补回"];

/** 补交作业 is about an assignment, not about a year's hours. */
const NOT_MAKE_UP_WORDS = ["补交", "作业"];

export const matchPolicy: Matcher = ({ compact }) => {
  if (MAKE_UP_WORDS.some((word) => compact.includes(word)) && !NOT_MAKE_UP_WORDS.some((word) => compact.includes(word))) {
    const named = namedYear(compact);
    return { kind: "policy", topic: "make_up", ...named?.year };
  }
  for (const { topic, subject, question } of TOPICS) {
    const word = subject.find((candidate) => compact.includes(candidate));
    if (word === undefined) continue;
    const rest = compact.replace(word, "");
    if (question === undefined || question.some((candidate) => rest.includes(candidate))) return { kind: "policy", topic };
  }
  return undefined;
};

/** Checked in order, so 校本课程 is found before 校本 and 信息技术 before 技术-less words. */
const PART_WORDS: readonly (readonly [word: string, part: RequirementPart])[] = [
  ["信息技术", "it_application"], ["能力提升工程", "it_application"], ["提升工程", "it_application"], ["2.0", "it_application"],
  ["信息化", "it_application"], ["融合", "it_application"],
  ["公需", "public_subject"],
  ["校本课程", "school_course"], ["必修", "required"], ["选修", "elective"],
  ["集中培训", "centralized"], ["集中研修", "centralized"], ["集中", "centralized"], ["面授", "centralized"], ["线下", "centralized"],
  ["网络研修", "online"], ["网络培训", "online"], ["远程", "online"], ["线上", "online"], ["网络", "online"], ["网上", "online"],
  ["校本研修", "school_based"], ["校本培训", "school_based"], ["校本", "school_based"],
];

/** Words that may surround a part's name in a question about it. */
const PART_FILLERS = [
  "应用能力", "能力", "应用", "工程", "提升", "与学科教学", "学科", "教学", "科目", "课程", "课", "研修", "培训", "学习", "部分", "那块", "这块",
  "20", "的", "分",
];

const PART_QUESTION = new QuestionMatcher({
  keywords: ["还差", "差多少", "差", "够", "达标", "多少", "完成", "修了", "修满", "满了", "进度"],
  fillers: [
    ...PART_WORDS.map(([word]) => word), ...PART_FILLERS,
    "学分", "学时", "够了", "够不够", "够没够", "了没", "没", "今年", "本年", "年度", "本周期", "周期", "还需", "还要", "剩", "已经", "一共",
  ],
});

const THIS_YEAR_WORDS = ["今年", "本年", "年度"];

export const matchBalancePart: Matcher = (message) => {
  const { compact } = message;
  const found = PART_WORDS.find(([word]) => compact.includes(word));
  if (found === undefined || !PART_QUESTION.matches(compact)) return undefined;
  return { kind: "balance", period: THIS_YEAR_WORDS.some((word) => compact.includes(word)) ? "year" : "cycle", part: found[1] };
};

import { hasControlCharacters } from "../../domain/text-safety.js";
import type { NormalisedText } from "./normalise.js";
import { NUMBER, parseNumber } from "./numbers.js";
import { assignmentNumberOf } from "./slots.js";
import type { Intent, Matcher } from "./types.js";
import { ASSIGNMENT_KIND_WORDS, findWord, PUPILS_WORK } from "./vocabulary.js";

/**
 * Admin commands start with their verb (发通知, 审核, 催交, 统计, 登记本群), so they are recognised before any
 * question: a notice may mention 学分 and still be a notice. Role checks are the handlers' job.
 */

type NoticeTarget = Extract<Intent, { kind: "notice" }>["target"];

/** English verbs must end as words: "notices" is not the command "notice". */
const NOTICE_VERB = /^(?:(?:群发|发布|发一下|发一条|发一个|发条|发个|发)(?:一下|一条|一个|条|个)?(?:群)?通知|通知一下大家|通知大家|告诉大家|跟大家说一下|跟大家说|(?:send (?:a |the )?)?(?:notice|notify)(?![a-z])(?: everyone| all)?)/;
/**
 * The target before the verb: "通知全校：…", "给全校发个通知 …", "在本群发通知 …". A bare "通知：明天正常上课" is
 * someone's notice, not a command.
 */
const TARGET_FIRST = /^(?:通知|(?:给|在|向|对)?(本群|这个群|群里|全校|本校|全区|全县|全市|全州)(?:的)?(?:老师们|老师|所有人|大家)?(?:发|发个|发一个|发条|发一条|发布|群发)(?:一下)?(?:个|条)?通知)/;
const TARGET_AFTER_VERB = /^通知(?:一下)?(本群|全校|本校|全区|全县|全市|全州)/;

const NOTICE_TARGETS: readonly (readonly [word: string, target: NoticeTarget])[] = [
  ["本群", "group"], ["这个群", "group"], ["群里", "group"], ["群内", "group"], ["group", "group"],
  ["全校", "school"], ["本校", "school"], ["school", "school"],
  ["全区", "region"], ["全县", "region"], ["全市", "region"], ["全州", "region"], ["region", "region"],
];

const REVIEW_HEAD = /^(?:审核|评审|批改|review) ?(s?\d+)号? ?/;
const APPROVAL_WORD = /^(?:通过|合格|同意|approved?|pass|ok)了?$/;
/** "通过 18", "通过，19分", "通过 17分 写得不错": a remark may follow the score after a break. */
const APPROVAL = new RegExp(`^(?:通过|合格|同意|approved?|pass|ok)了?[ ,:]*(?:给|打|得)?${NUMBER} ?(?:(?:分|points?)|$|[ ,;。])`);
const REJECTION = /^(?:退回|驳回|打回|不通过|不合格|reject(?:ed)?|return(?:ed)?|send back)/;
/** "退回 原因：字数不够" gives the reason "字数不够". */
const REASON_LABEL = /^(?:原因|理由)\s*[:：]?/u;

/** "催交的消息都送达了吗" talks about reminders (jobs); a verb followed by 的 is a noun. */
const REMIND_VERB =
  /^(?:(?:帮我|请|再|麻烦)*(?:催交(?!的|通知|提醒|消息|情况|记录)|催一下|催促|催(?![交的])|提醒交|提醒(?:一下)?(?:大家|老师们|各位老师|各位|他们|全体老师)?(?=交|提交|完成|还没交|没交|未交))|remind(?![a-z])|send(?: a| the)? reminders?(?: for| about| to)?(?![a-z]))/;
/** "把没交作业1的人都催一下", "给没交作业2的老师发个提醒": the assignment before the verb. */
const REMIND_AT_END = /^(?:把|给|向)(.{0,30}?)(?:都|全部)?(?:催一下|催催|催交一下|提醒一下|发个提醒|发一个提醒|发条提醒|发一条提醒|发提醒|发个催交|发催交)$/;

const STATS_VERB = /^(?:统计一下|统计下|统计|查看统计|stats(?![a-z])|statistics)/;
/**
 * Who has (not) handed in, anywhere in the message, built from families of words rather than phrases: people
 * (谁, 几个人, 哪几位) with handing in (还有谁没交, 几个人交了, 没交的有谁), a count of what was handed in (交了多少,
 * 交了几份), all in (交齐了没, 收齐了吗), who is missing (还差谁), or the state of handing in (提交情况, 提交率).
 * What is left once these words go is the assignment.
 */
const HANDING_IN = "(?:交|提交|上交|上传)";
const NOT_YET = "(?:还)?(?:没有|没|未)?";
const WHO = "(?:谁|哪些人|哪些老师|哪几个人?|哪几位|多少人|几个人|几人|几位|多少位|多少老师|几个老师)";
const WHO_HANDED_IN = new RegExp(
  [
    `${WHO}(?:还)?${NOT_YET}${HANDING_IN}`,
    `${NOT_YET}${HANDING_IN}(?:了)?(?:的)?(?:有)?(?:${WHO}|名单|人数)`,
    `(?:没有|没|未)${HANDING_IN}.{0,6}?的(?:有)?(?:${WHO}|名单|人数|人)`,
    `${HANDING_IN}(?:了|上来了?)(?:多少|几)(?:份|个|人)?`,
    `(?:交|收)齐(?:了)?(?:吗|没|没有)?$`,
    `(?:交|收)齐(?:了)?(?:吗|没|没有)`,
    `(?:还)?差(?:${WHO}|几份|多少份)`,
    `(?:已|未|没)?${HANDING_IN}(?:作业)?(?:的)?(?:名单|人员)`,
    `${HANDING_IN}(?:得|的)(?:怎么样|如何|情况)`,
    `(?:作业|心得|评课|教学设计|反思)(?:的)?完成(?:情况|率)`,
    `(?:作业|心得|评课|教学设计|反思).{0,8}统计(?:一下|下)?$`,
    `(?:的)?提交情况|交的情况|(?:提交|上交|交作业|交)(?:的)?(?:率|比例|进度)|作业(?:的)?完成率`,
    `(?:没有|没|未)${HANDING_IN}.{0,6}?的?有(?:谁|哪些)`,
    `who(?:still)?owes|who(?:has|have|is|'s)?(?:n'?t|not)?(?:yet)?(?:handedin|submitted|turnedin)|howmany(?:people|teachers)?(?:have|has)?(?:handedin|submitted|submissions)|submission(?:rate|status)`,
  ].join("|"),
);

const CREDIT_WORDS = ["学分", "学时"];

const REGISTER_GROUP = /^(?:(?:登记|注册|绑定|认证)(?:一下|下)?(?:本群|这个群|群)|register(?: this)? (?:group|chat)(?![a-z]))/;
/**
 * 把这个群登记一下 / 注册本群 / 绑定这个群到我们学校 / 这个群取消登记 / 本群不用登记了: a verb of filing (登记, 注册,
 * 绑定, 认证, 备案) with the group as its object, right after it or before it. 群里 / 群内 is a place, not the
 * object ("在群里登记一下培训人数" registers no group); 绑定 with an account word binds the sender (绑定本群工号).
 */
const FILING = "(?:登记|注册|绑定|认证|备案|关联|录入|register)";
const THIS_GROUP = "(?:本群|这个群|该群|此群|咱们群|我们群|群(?![里内友主聊]))";
const GROUP_AS_OBJECT = new RegExp(`${FILING}(?:一下|下)?${THIS_GROUP}|(?:把|将|给)?(?:本群|这个群|该群|此群|咱们群|我们群|把群|将群)(?:.{0,12})${FILING}`);
const ACCOUNT_WORDS = /工号|手机|账号|微信号|身份证|学号/;
const UNDOING = /取消|不用|不要|别|撤销|撤掉|解除|解绑|unregister/;
/** A school's code ("S03"); a group filed under a school names it anywhere ("把本群登记到S09学校"). */
const SCHOOL_CODE = /(?<![a-z\d])[a-z]{1,3}\d{1,6}(?![a-z\d])/;
/** Words after 登记本群 that name no school ("登记本群 please", "登记本群一下吧"). */
const NO_SCHOOL = /^(?:please|pls|一下|下|吧|了|谢谢|thanks|now)*$/;
const UNREGISTER_GROUP = /^(?:取消登记本群|取消登记这个群|取消登记群|取消登记|unregister(?: this)? (?:group|chat)|(?:remove|cancel|delete|undo)(?: this)? (?:group|chat)(?:'s)? registration)$/;

const NUMBERED_ASSIGNMENT = new RegExp(`^(?:作业|assignment|homework)?第?${NUMBER}(?:个|号|份|项)?(?:作业)?的?$`);

/** Words around the assignment that name no assignment ("还没交评课的" is 评课, "作业交的情况" none). */
const REF_FILLERS = new RegExp(
  [
    "还有", "谁", "哪些人", "上来", "owes", "who", "哪些老师", "哪几个人", "多少人", "几个人", "几人", "名单", "人数", "交齐了没", "交齐没", "交齐了", "交齐",
    "看看", "看一下", "看下", "查一下", "查查", "查下", "提交率", "上交率", "交齐了吗", "收齐了吗", "收齐了没", "收齐", "率", "进度", "一共", "交了几份", "交了多少份", "交了多少个", "交了几个", "多少份", "几份", "交了多少", "多少", "几个", "人", "未提交", "没上传", "上传", "完成情况", "完成", "统计下", "统计", "交得", "他们", "我们组", "俺们组", "组里", "组", "已经", "现在", "目前", "能不能", "发个", "发一下", "列个", "列一下",
    "给我", "咱们", "我们学校", "学校", "本校", "全校", "全区", "啦", "呀", "呢", "吗", "没有", "yet", "those", "them", "still", "not", "n't", "list", "send",
    "还差", "差", "还剩", "剩下", "剩", "名单发我", "发我", "给我", "告诉我", "完成率", "怎么样", "提交情况", "交的情况", "情况", "还没有交", "还没交", "没有交", "没交", "未交", "提交", "交了", "交", "有",
    "的人", "的老师", "老师们", "老师", "同事", "大家", "赶紧", "赶快", "一下", "都", "把", "给", "了", "的", "没", "还",
    "howmany", "how", "many", "submissions", "submission", "rate", "status", "what's", "whats", "what", "is", "people", "teachers", "have", "has", "who", "hasn't", "hasnt", "haven't", "handed", "in", "submitted", "everyone", "everybody", "about", "the", "for", "on", "of",
    "please",
  ]
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "g",
);

/** Separators the sender put between the command and its argument ("发通知：…", "退回，…"). */
function withoutLeadingSeparators(typed: string): string {
  return typed.replace(/^[\s:：,，、]+/u, "").trim();
}

/** Skips the spaces and separators after a verb in the normalised text. */
function skipSeparators(text: string, position: number): number {
  let next = position;
  while (next < text.length && " :,、".includes(text.charAt(next))) next += 1;
  return next;
}

/** A kind's name may carry a suffix that is part of what the admin calls it ("评课稿"). */
const NAME_SUFFIX = /^(?:稿|报告)/;
/** 作业2, 第二个, 2号, assignment 2: a number that names an assignment. */
const ASSIGNMENT_NUMBER_WORDS = new RegExp(`第?${NUMBER}(?:个|份|项|次|篇|号)?`, "g");

/** Words an assignment's title is built around ("课堂实录反思", "集中培训心得体会", "第三次作业"). */
const ASSIGNMENT_NAME = new RegExp(
  [...ASSIGNMENT_KIND_WORDS.map(([word]) => word), "作业", "assignment", "homework"].sort((a, b) => b.length - a.length).join("|"),
);
const BARE_ASSIGNMENT_WORD = /^(?:作业|assignment|homework)$/;

/**
 * Which assignment an admin means: a number ("2", "作业2", "第二个作业", "assignment 2" → "2"), else a title
 * built around an assignment word as typed ("课堂实录反思", "评课稿"), else "" (all of them). Words that name no
 * assignment ("体检表") are no title.
 */
function assignmentRef(message: NormalisedText, start: number, end: number): string {
  const words = message.text.slice(start, end);
  const compactWords = words.replaceAll(" ", "");
  const rest = compactWords.replace(REF_FILLERS, "");
  const number = parseNumber(NUMBERED_ASSIGNMENT.exec(rest)?.[1]) ?? assignmentNumberOf(compactWords);
  if (number !== undefined) return String(number);
  if (!ASSIGNMENT_NAME.test(rest) || BARE_ASSIGNMENT_WORD.test(rest)) return "";
  const at = words.indexOf(rest);
  if (at !== -1) return message.original(start + at, start + at + rest.length);
  // The title was interrupted by the question's words ("催催他们交评课稿"): the kind's name as typed.
  const kind = findWord(words, ASSIGNMENT_KIND_WORDS);
  if (kind === undefined) return "";
  const kindAt = words.indexOf(kind.word);
  const suffix = NAME_SUFFIX.exec(words.slice(kindAt + kind.word.length))?.[0] ?? "";
  return message.original(start + kindAt, start + kindAt + kind.word.length + suffix.length);
}

export const matchNotice: Matcher = (message) => {
  const first = TARGET_AFTER_VERB.exec(message.text) ?? TARGET_FIRST.exec(message.text);
  const firstTarget = NOTICE_TARGETS.find(([word]) => word === first?.[1])?.[1];
  if (first !== null && firstTarget !== undefined) {
    const position = skipSeparators(message.text, first[0].length);
    return { kind: "notice", target: firstTarget, text: withoutLeadingSeparators(message.original(position)) };
  }
  const verb = NOTICE_VERB.exec(message.text);
  if (verb === null) return undefined;
  let position = skipSeparators(message.text, verb[0].length);
  // A target word counts only as a word of its own: "发通知 全校老师…" keeps 全校老师 in the text.
  const target = NOTICE_TARGETS.find(
    ([word]) => message.text.startsWith(word, position) && message.hasBreakBefore(position + word.length),
  );
  if (target !== undefined) position += target[0].length;
  return { kind: "notice", target: target?.[1] ?? "group", text: withoutLeadingSeparators(message.original(position)) };
};

export const matchReview: Matcher = (message) => {
  const head = REVIEW_HEAD.exec(message.text);
  if (head === null || head[1] === undefined) return undefined;
  const submissionRef = head[1].toUpperCase();
  const decision = message.text.slice(head[0].length);
  const score = parseNumber(APPROVAL.exec(decision)?.[1]);
  if (score !== undefined) return { kind: "review", submissionRef, decision: "approved", score };
  // An approval without a score is still a review, so the handler can ask for the score.
  if (APPROVAL_WORD.test(decision)) return { kind: "review", submissionRef, decision: "approved" };
  const rejection = REJECTION.exec(decision);
  if (rejection === null) return undefined;
  const typedReason = withoutLeadingSeparators(message.original(head[0].length + rejection[0].length));
  return { kind: "review", submissionRef, decision: "rejected", reason: withoutLeadingSeparators(typedReason.replace(REASON_LABEL, "")) };
};

export const matchRemind: Matcher = (message) => {
  const verb = REMIND_VERB.exec(message.text);
  if (verb !== null) return { kind: "remind", assignmentRef: assignmentRef(message, verb[0].length, message.text.length) };
  const atEnd = REMIND_AT_END.exec(message.text);
  if (atEnd === null) return undefined;
  return { kind: "remind", assignmentRef: assignmentRef(message, 1, 1 + (atEnd[1]?.length ?? 0)) };
};

/** One's own work ("我还有什么作业没交") is the teacher's list, not the admin's statistics. */
const FIRST_PERSON = /我(?!们)|^my|^i /;
/** "名单发我", "告诉我谁没交": the sender is addressed, not asking about her own work. */
const ADDRESSED = /(?:发|给|告诉|帮|让|跟)我/g;

export const matchStats: Matcher = (message) => {
  const verb = STATS_VERB.exec(message.text);
  const asked = WHO_HANDED_IN.test(message.compact) && !PUPILS_WORK.test(message.compact) && !FIRST_PERSON.test(message.text.replace(ADDRESSED, ""));
  if (verb === null && !asked) return undefined;
  // Statistics are per assignment; "统计一下我的学分" is a teacher asking for their balance.
  if (CREDIT_WORDS.some((word) => message.compact.includes(word))) return undefined;
  // Without the verb, whatever was handed in must be an assignment: "谁还没交体检表" asks about a form.
  if (verb === null && unaccounted(message.compact).length > MAX_UNACCOUNTED) return undefined;
  const ref = assignmentRef(message, verb?.[0].length ?? 0, message.text.length);
  return { kind: "stats", assignmentRef: ref };
};

/** A stray character is tolerated ("作业2交了几个啦"); a word is something else handed in (体检表, 班费). */
const MAX_UNACCOUNTED = 1;

/** What is left of a question about handing in once the question's words and a number go; a title accounts for all. */
function unaccounted(compact: string): string {
  const rest = compact.replace(REF_FILLERS, "");
  return ASSIGNMENT_NAME.test(rest) ? "" : rest.replace(ASSIGNMENT_NUMBER_WORDS, "");
}

/** The school code after `from`, as typed. */
function schoolCodeFrom(message: NormalisedText, from: number): string | undefined {
  const found = SCHOOL_CODE.exec(message.text.slice(from));
  return found === null ? undefined : message.original(from + found.index, from + found.index + found[0].length);
}

/** 登记本群 / 登记本群 S01 (a region admin filing it under a school); 取消登记本群 sets it back. */
export const matchRegisterGroup: Matcher = (message) => {
  if (UNREGISTER_GROUP.test(message.text)) return { kind: "unregister_group" };
  const verb = REGISTER_GROUP.exec(message.text);
  if (verb === null) {
    // In other words order ("把这个群登记一下"), there is no school code to read.
    if (!GROUP_AS_OBJECT.test(message.compact) || ACCOUNT_WORDS.test(message.compact)) return undefined;
    if (UNDOING.test(message.compact)) return { kind: "unregister_group" };
    const code = schoolCodeFrom(message, 0);
    return code === undefined ? { kind: "register_group" } : { kind: "register_group", schoolCode: code };
  }
  const typed = withoutLeadingSeparators(message.original(verb[0].length));
  // A control character is no typing mistake: "S01\u0000" stays as typed, a code no school has.
  if (hasControlCharacters(typed)) return { kind: "register_group", schoolCode: typed };
  const code = schoolCodeFrom(message, verb[0].length);
  if (code !== undefined) return { kind: "register_group", schoolCode: code };
  return typed === "" || NO_SCHOOL.test(typed.toLowerCase().replace(/[\s,.!，。！]/gu, "")) ? { kind: "register_group" } : { kind: "register_group", schoolCode: typed };
};

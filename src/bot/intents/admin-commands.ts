import type { NormalisedText } from "./normalise.js";
import { NUMBER, parseNumber } from "./numbers.js";
import type { Intent, Matcher } from "./types.js";

/**
 * Admin commands start with their verb (发通知, 审核, 催交, 统计, 登记本群), so they are recognised before any
 * question: a notice may mention 学分 and still be a notice. Role checks are the handlers' job.
 */

type NoticeTarget = Extract<Intent, { kind: "notice" }>["target"];

/** English verbs must end as words: "notices" is not the command "notice". */
const NOTICE_VERB = /^(?:发一条通知|发一个通知|发条通知|发个通知|发布通知|发通知|(?:notice|notify)(?![a-z]))/;

const NOTICE_TARGETS: readonly (readonly [word: string, target: NoticeTarget])[] = [
  ["本群", "group"], ["这个群", "group"], ["群里", "group"], ["群内", "group"], ["group", "group"],
  ["全校", "school"], ["本校", "school"], ["school", "school"],
  ["全区", "region"], ["全县", "region"], ["全市", "region"], ["全州", "region"], ["region", "region"],
];

const REVIEW_HEAD = /^(?:审核|评审|批改|review) ?(s?\d+)号? ?/;
const APPROVAL_WORD = /^(?:通过|合格|同意|approved?|pass|ok)了?$/;
const APPROVAL = new RegExp(`^(?:通过|合格|同意|approved?|pass|ok)了? ?(?:给|打|得)?${NUMBER} ?(?:分|points?)?$`);
const REJECTION = /^(?:退回|驳回|打回|不通过|不合格|rejected?|return)/;
/** "退回 原因：字数不够" gives the reason "字数不够". */
const REASON_LABEL = /^(?:原因|理由)\s*[:：]?/u;

const REMIND_VERB = /^(?:催交|催一下|催促|催|提醒交|remind(?![a-z]))/;

const STATS_VERB =
  /^(?:统计一下|统计|查看统计|还有谁没有交|还有谁没交|还有哪些人没交|有谁没交|谁还没有交|谁还没交|谁没有交|谁没交|哪些人还没交|哪些人没交|谁交了|交了多少人|多少人交了|stats(?![a-z])|statistics)/;
/** "作业2的提交情况", "心得体会谁没交", "心得体会还有谁没交". */
const STATS_SUFFIXES = ["的提交情况", "提交情况", "还有谁没交", "谁还没交", "谁没交", "交了多少人", "多少人交了"];

const CREDIT_WORDS = ["学分", "学时"];

const REGISTER_GROUP = /^(?:登记本群|登记这个群|登记群|register(?: this)? group(?![a-z]))/;
const UNREGISTER_GROUP = /^(?:取消登记本群|取消登记这个群|取消登记群|unregister(?: this)? group)$/;

const NUMBERED_ASSIGNMENT = new RegExp(`^(?:作业)?第?${NUMBER}(?:个|号|份|项)?(?:作业)?的?$`);

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

/**
 * Which assignment an admin means: a number ("2", "作业2", "第二个作业" → "2") or the words as typed
 * ("心得体会"); "" when none is given.
 */
function assignmentRef(message: NormalisedText, start: number, end: number): string {
  const rest = message.text.slice(start, end).replaceAll(" ", "");
  if (rest === "" || rest === "作业") return "";
  const number = parseNumber(NUMBERED_ASSIGNMENT.exec(rest)?.[1]);
  return number === undefined ? withoutLeadingSeparators(message.original(start, end)) : String(number);
}

export const matchNotice: Matcher = (message) => {
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
  if (verb === null) return undefined;
  return { kind: "remind", assignmentRef: assignmentRef(message, verb[0].length, message.text.length) };
};

export const matchStats: Matcher = (message) => {
  const verb = STATS_VERB.exec(message.text);
  const suffix = verb === null ? STATS_SUFFIXES.find((candidate) => message.text.endsWith(candidate)) : undefined;
  if (verb === null && suffix === undefined) return undefined;
  const [start, end] = verb === null ? [0, message.text.length - (suffix?.length ?? 0)] : [verb[0].length, message.text.length];
  const ref = assignmentRef(message, start, end);
  // Statistics are per assignment; "统计一下我的学分" is a teacher asking for their balance.
  if (CREDIT_WORDS.some((word) => ref.includes(word))) return undefined;
  return { kind: "stats", assignmentRef: ref };
};

/** 登记本群 / 登记本群 S01 (a region admin filing it under a school); 取消登记本群 sets it back. */
export const matchRegisterGroup: Matcher = (message) => {
  if (UNREGISTER_GROUP.test(message.text)) return { kind: "unregister_group" };
  const verb = REGISTER_GROUP.exec(message.text);
  if (verb === null) return undefined;
  const schoolCode = withoutLeadingSeparators(message.original(verb[0].length));
  return schoolCode === "" ? { kind: "register_group" } : { kind: "register_group", schoolCode };
};

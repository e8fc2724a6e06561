import type { Matcher } from "./types.js";

/**
 * Administrators and reviewers asking in their own words rather than with a command: how many of their
 * teachers meet the requirement, and what waits for review. Role checks are the handlers' job.
 */

/** 达标率, 还有多少人没达标, 谁没达标, 没达标的老师有哪些, 达标情况. */
const COMPLIANCE =
  /达标率|合格率|达标情况|达标人数|达标名单|(?:多少|几)个?(?:人|位|老师)还?(?:没有?|未|不)达标|(?:谁|哪些|哪几位|哪几个)(?:人|老师)?还?(?:没有?|未|不)达标|(?:没有?|未|不)达标的(?:人|老师)|compliance/;
const REGION_WORDS = /全区|全县|全市|全州|全旗|各校|各个学校|所有学校|region|district/;
/** 我的达标情况 is a teacher asking about herself; 我们 is a school. */
const ABOUT_ONESELF = /我(?!们)/;
const YEAR_WORDS = /今年|本年|年度|学时|this ?year/;

/** 待审核 / 有哪些要审核的 / 还有多少没评审 / a bare 审核. */
const REVIEW_QUEUE =
  /^(?:(?:审核|评审|批改)(?:一下)?|review|reviews|待审核|待评审|待审|待批改|审核列表|评审列表|(?:我的)?(?:待|要|需要|还没|没)(?:审核|评审|批改)的?(?:作业|有哪些|列表)?|(?:有|还有)(?:哪些|什么|多少|几份|几个)(?:作业)?(?:要|需要|待|没|还没)(?:审核|评审|批改)的?(?:作业)?|(?:what|anything) ?to review|review ?queue)$/;

export const matchCompliance: Matcher = (message) => {
  const text = message.compact;
  if (!COMPLIANCE.test(text)) return undefined;
  const region = REGION_WORDS.test(text);
  if (!region && ABOUT_ONESELF.test(text)) return undefined;
  return { kind: "compliance", scope: region ? "region" : "school", period: YEAR_WORDS.test(text) ? "year" : "cycle" };
};

export const matchReviewQueue: Matcher = (message) => (REVIEW_QUEUE.test(message.compact) ? { kind: "review_queue" } : undefined);

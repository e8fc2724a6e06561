import { QuestionMatcher } from "./coverage.js";
import { ruleTopicOf } from "./policy.js";
import type { Matcher } from "./types.js";

/**
 * Administrators and reviewers in their own words: 我们学校还有多少人没达标 / 全区达标率 (compliance) and
 * 待审核 / 有哪些要审核的 / a bare 审核 (the review queue). Role checks are the handlers' job.
 */

/**
 * How many teachers meet the requirement: a people word or a rate, and a word for meeting it. The state of
 * things (情况, 统计) is the teachers' only when a school or the region is named: "本年度学时完成情况" is her own.
 */
const PEOPLE = /的有多少|的有几个|rate|percentage|全体|全员|所有(?:老师|教师|人)|(?:的|些|个|位|多|校|区|县|多少|几个|哪些)老师|老师们|老师(?:没|还|有|都|中)|大家|每个人|多少人|几个人|几人|哪些人|有哪些|有谁|谁|名单|人数|达标率|完成率|合格率|比例|百分之|everyone|who|howmanyteachers|teachers/;
const STATE = /情况|统计|怎么样|进度/;
const MEETING = /达标|修满|修够|学分够|学时够|完成学分|完成学时|学分不够|学时不够|学分没够|学时没够|没修够|(?:学分|学时)(?:的)?完成|合格率|完成率|compliance|compliant|meettherequirement|met(?:the)?requirement/;
/** The sender's own numbers ("我达标了吗", "老师们都修满了 那我呢") are a balance question. */
const OWN = /^(?:我(?!们)|my|ami)|我(?:的|还|达标|够)|我(?:自己)?$/;

const REVIEW_QUEUE = new QuestionMatcher({
  keywords: [
    "待审核", "待审", "待批改", "待批", "待评审", "要审核", "需要审核", "要审的", "要批改", "未审核", "没审核", "没审的", "没审", "没批",
    "要我审", "要我批", "轮到我审", "等审核", "等着审核", "等审", "需要我审", "需要我批", "等我审", "等着审", "要审", "要批", "待批阅", "待审阅", "审核任务", "审核清单",
    "审核列表", "审核队列", "reviewqueue", "needreview", "needsreview", "pendingreviews", "toreview", "waitingforreview", "awaitingreview",
  ],
  fillers: [
    "有哪些", "哪些", "的", "作业", "心得", "评课", "反思", "教学设计", "教案", "等着我", "轮到", "审", "了", "提交", "任务", "我", "还有", "有", "多少", "几份", "几个", "份", "个", "列表", "清单", "我们学校",
    "学校", "本校", "全区", "今天", "今日", "最近", "新的", "新", "吗", "核", "改", "阅", "pending", "submissions", "submission", "anything", "any", "to", "new", "reviews", "what's", "whats", "waiting", "for", "is", "are", "there", "any",
  ],
});
const BARE_REVIEW = /^(?:审核|评审|批改|review|审核一下|去审核)$/;

/** An assignment's completion (作业完成率) is who handed it in: statistics, not the credit requirement. */
const ASSIGNMENT_ONLY = /作业|心得|评课|教学设计|反思/;
const CREDIT_UNITS = /学分|学时|达标|credit|hour/;

export const matchCompliance: Matcher = (message, slots) => {
  const { compact } = message;
  const aboutTeachers = PEOPLE.test(compact) || (STATE.test(compact) && slots.scope !== undefined);
  if (!MEETING.test(compact) || !aboutTeachers || OWN.test(compact)) return undefined;
  if (ASSIGNMENT_ONLY.test(compact) && !CREDIT_UNITS.test(compact)) return undefined;
  // What happens to those who fall short ("不达标的老师会怎么处理") is the rule, not a count of them.
  if (ruleTopicOf(compact, message.content) === "consequences") return undefined;
  return { kind: "compliance", scope: slots.scope ?? "school", period: slots.thisYear ? "year" : "cycle" };
};

export const matchReviewQueue: Matcher = (message) =>
  BARE_REVIEW.test(message.compact) || REVIEW_QUEUE.matches(message.compact) ? { kind: "review_queue" } : undefined;

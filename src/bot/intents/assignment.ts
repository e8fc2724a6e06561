import type { Slots } from "./slots.js";
import type { AssignmentTopic, Matcher } from "./types.js";
import { PUPILS_WORK } from "./vocabulary.js";

/**
 * Questions about one assignment (when it is due, how long, how to hand in, was it approved, why it was
 * sent back) and 撤回 of a wrong link. Checked before why (为什么被退回 is about the assignment, not the
 * credits) and before tasks, which answers the whole list ("作业什么时候截止" is a due-date question, whose
 * answer names the assignments' due dates, even with no assignment named).
 */

/** Which assignment the question is about: a number, a kind, or words that only an assignment has. */
const ASSIGNMENT_WORDS = /作业|心得|反思|评课|教学设计|教案|证书|我交的|交的|提交的|上交的|文档|word|附件|assignment|homework|essay/;

const TOPICS: readonly (readonly [AssignmentTopic, RegExp])[] = [
  ["rejection_reason", /(?:退回|打回|驳回|退了|不通过|没通过|没过|不合格|没合格|被拒)(?:.{0,12})(?:为什么|为何|原因|理由|怎么回事|什么意思|哪里不对|哪里有问题|怎么改|意见|评语|批注)|(?:为什么|为何|怎么)(?:.{0,8})(?:退回|打回|驳回|退了|不通过|没通过|没给过|不给过|没过)|why.{0,30}(?:rejected|returned|sentback)|whyrejected|whyreturned/],
  ["result", /出分|出成绩|有人看|看了吗|看了没|反馈|批下来|审下来|出结果|通过了?$|过了$|批了$|审了$|pass(?:ed)?$|通过了?没|通过了?吗|通过没有|过了没|过了吗|批了没|批了吗|审了没|审了吗|审核了没|审核了吗|审核结果|审核通过|评审结果|结果|多少分|几分|得分|分数|成绩|打分|approved|score|graded|passed/],
  ["length", /几页|多少页|页数|字(?:够|行|可以|就行)|多少字|好多字|几个字|几百字|几千字|字数|多长|篇幅|字以上|字左右|wordcount|howmanywords|howlong/],
  ["how_to_submit", /不会(?:交|提交|上交|上传)|(?:交|提交|上传).{0,6}怎么(?:弄|操作|搞)|(?:交|提交|上传|发)(?:.{0,4})(?:照片|图片|截图|链接|文档|word|pdf|文件|附件)|(?:用)?(?:手机|电脑)(?:能|可以)?(?:交|提交|上传)|(?:怎么|如何)(?:重新|再)(?:交|提交|上交|上传)|(?:在|到)?哪(?:里|儿)?(?:交|提交|上交|上传)|(?:交|提交|上交|上传)(?:到|在)哪|怎么交|如何交|怎样交|怎么提交|如何提交|怎么上交|怎么上传|如何上传|交到哪|在哪交|在哪里交|在哪提交|往哪交|发哪里|发到哪|交哪里|传哪里|发给谁|提交方式|交的方式|格式|发链接|要链接|(?:word|文档|文件|附件|pdf|图片|照片).{0,12}(?:发|交|传)|howtosubmit|howdoisubmit|wheretosubmit|howdoihandin|howtohandin|wheredoihandin/],
  // "any homework due?" asks for the list (tasks); "when is it due" for a date.
  ["due", /(?:还能|能)拖|拖几天|延期|宽限|还有几天|还剩几天|逾期|过期|迟交|晚交|超时|截止|截至|deadline|(?:什么时候|啥时候|几号|哪天|哪一天|几月几号|最晚|最迟)(?:之前|以前|前)?(?:交|提交|上交|要交|截止|结束|到期)?|最晚|最迟|期限|到期|when.{0,20}due|due(?:date|when)/],
];

const WITHDRAW = /撤回|撤销|撤掉|撤了|收回|删掉|删除|取回|交错|传错|发错|提交错|链接错|错交|wronglink|wrongfile|takeitback|takeback|withdraw|undosubmi|unsubmit/;
/** What is withdrawn: a submission. Bare 撤回 counts too ("撤回" alone has nothing else to undo). */
const WITHDRAW_OBJECT = /作业|心得|反思|评课|教学设计|教案|证书|链接|提交|交|submission|link|assignment|homework|essay|^撤回$|^撤销$/;

/** Asking the bot to write it ("帮我写一篇心得 800字就行") is a request, not a question about the assignment. */
const GHOST_WRITE = /(?:帮我|替我|帮忙|帮)写|代写|代笔|writeitforme|writemy|writeme/;

function which(slots: Slots): Pick<Slots, "assignmentNumber" | "assignmentKind"> {
  return {
    ...(slots.assignmentNumber !== undefined && { assignmentNumber: slots.assignmentNumber }),
    ...(slots.assignmentKind !== undefined && { assignmentKind: slots.assignmentKind }),
  };
}

/** "撤回 2", like "交作业 2": a number right after the verb is the assignment's number in「我的作业」. */
const WITHDRAW_NUMBERED = /^(?:撤回|撤销)第?(\d+)$/;

export const matchWithdraw: Matcher = (message, slots) => {
  const { compact } = message;
  const numbered = WITHDRAW_NUMBERED.exec(compact);
  if (numbered) return { kind: "withdraw", ...which(slots), assignmentNumber: Number(numbered[1]) };
  if (!WITHDRAW.test(compact) || !WITHDRAW_OBJECT.test(compact)) return undefined;
  return { kind: "withdraw", ...which(slots) };
};

export const matchAssignmentQuestion: Matcher = (message, slots) => {
  const { compact } = message;
  if (GHOST_WRITE.test(message.content.replace(/\s/g, ""))) return undefined;
  const named = slots.assignmentNumber !== undefined || slots.assignmentKind !== undefined;
  if ((!named && !ASSIGNMENT_WORDS.test(compact)) || PUPILS_WORK.test(compact)) return undefined;
  const topic = TOPICS.find(([, pattern]) => pattern.test(compact))?.[0];
  if (topic === undefined) return undefined;
  return { kind: "assignment", topic, ...which(slots) };
};

import type { Intent, Matcher } from "./types.js";

/**
 * Things only a person can fix: the answer is who to contact (the teacher's school admin by name) and what
 * to bring. Checked before the credit questions, because "我的学分不对" contains 学分 and is no balance
 * question, and "培训没有记录" contains 记录 and asks for no records.
 */

type Topic = Extract<Intent, { kind: "contact" }>["topic"];

/** The numbers are disputed: a credit word and a word saying it is wrong. */
const CREDIT_WORDS = /系统|学分|学时|分数|成绩|记录|明细|credits?|hours/;
const WRONG_WORDS = /比.{0,10}(?:少|多)(?!少)|notcorrect|notright|(?:好像|感觉|似乎|怎么|咋)(?:还|又|变)?少了|少给|不全|不对|不正确|不一样|不相符|算错|算少|少算|漏算|有误|错了|错误|对不上|不一致|不准|不符|有问题|wrong|incorrect|too(?:low|few|little)|(?:looks?|seems?)(?:low|off)/;

/** A training the teacher attended is not there. */
const TRAINING_WORDS = /培训|研修|国培|省培|学习|课程|讲座|活动|记录|学时|学分|证书|training|course|workshop/;
const MISSING_WORDS = /怎么没(?:有)?(?:学时|学分|记录)|没(?:给我?|帮我)(?:记|算|登|录|加)|没到账|未到账|还没上去|没上去|没进来|少了?(?:一|1)?(?:条|次|个|笔|项)|怎么没有|咋没有|怎么没了|不见了|少录|漏录|少记|漏记|没记上|没记进|没登上|没计入|未计入|没算进去|没录上|没登记|没有登记|isn'?tthere|notthere|notshowing|isn'?tshowing|isn'?tin(?:my)?records?|notin(?:my)?records?|没有记录|没记录|无记录|没录入|没有录入|没录|未录入|没显示|没有显示|不显示|查不到|找不到|没算上|没算进|没有算|没算|没加上|没加|漏了|漏掉|没更新|没有更新|还没更新|没同步|没上传|notrecorded|missing|never(?:showed|shows|came)up|didn'?tshowup/;

/** Money around a training (补贴, 报销) is the finance office's business, not a missing record. */
const MONEY = /补贴|津贴|工资|报销|费用|路费|差旅/;

const HUMAN = /(?:找|联系|问|叫)(?:你们|一下)?负责的(?:老师|人)|(?:转给|转到|转接|联系|找)(?:一下)?(?:学校|本校|区里|县里)?负责.{0,6}的(?:老师|人)|负责的(?:老师|人)是谁|管事的|(?:叫|找|来)个(?:真)?人(?:来)?$|speakto(?:someone|aperson|ahuman)|someoneincharge|personincharge|投诉|(?:找|叫|让|跟|和)(?:你们|一下)?(?:的)?(?:领导|负责人)|负责人是谁|(?:联系|找|问|打给)(?:一下)?(?:学校|本校|区里|县里|我们|我们学校)?(?:的)?(?:管理员|负责人|管理老师)|管理员(?:是谁|是哪位|是哪个|电话|联系方式|在哪)|谁是管理员|人工(?!智能)|转人工|让管理员|管理员联系我|有人联系我|人工客服|人工服务|找人工|要人工|真人|客服|联系管理员|找管理员|管理员是谁|管理员电话|联系谁|找谁|问谁|谁负责|联系方式|联系电话|humanagent|realperson|who(?:do|should|can)i(?:ask|contact|talkto|call)|talktoahuman|contactadmin/;

const TOPICS: readonly (readonly [Topic, RegExp])[] = [
  ["new_phone", /重新注册|新注册|换了?个?(?:新的?)?(?:手机|微信|企业微信|钉钉|账号|手机号|号码)|(?:手机|微信|企业微信|钉钉|账号|手机号|微信号)(?:号码|号)?(?:换了|丢了|没了)|换手机|换了手机|换了个手机|换新手机|新手机|手机换了|手机丢了|换号|换了号|手机号换|换了微信|换微信|微信换了|换了钉钉|换钉钉|钉钉换了|换账号|换了账号|解绑|重新绑定|绑不上|绑不了|换了?个?新号|绑定不了|绑定失败|绑错|newphone|changed(?:my)?(?:phone|number|wechat|account)|(?:got|have)anewphone|lost(?:my)?phone/],
  ["password", /冻结|被封|被锁|锁定|(?:登录|登陆|登入)(?:不上|不了|不进|失败)|密码.{0,4}(?:忘|不对|错|不知道|多少|是什么|是啥|怎么|咋|改|重置|找回|失效|过期)|(?:忘|改|重置|找回|修改|不知道)(?:了|记)?.{0,4}密码|^密码$|忘记账号|忘了账号|账号忘|登不上|登录不了|登陆不了|登不进|进不去|账号被锁|账号锁|无法登录|password|login|logon|signin/],
];

/** The most specific first: "学分不对找谁" is about wrong credits (what to bring), not just a name. */
export const matchContact: Matcher = (message) => {
  const { compact } = message;
  for (const [topic, pattern] of TOPICS) if (pattern.test(compact)) return { kind: "contact", topic };
  if (MISSING_WORDS.test(compact) && TRAINING_WORDS.test(compact) && !MONEY.test(compact)) return { kind: "contact", topic: "missing_training" };
  if (WRONG_WORDS.test(compact) && CREDIT_WORDS.test(compact)) return { kind: "contact", topic: "wrong_credits" };
  if (HUMAN.test(compact)) return { kind: "contact", topic: "human" };
  return undefined;
};

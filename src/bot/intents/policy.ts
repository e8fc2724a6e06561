import type { Intent, Matcher, PolicyTopic } from "./types.js";

/**
 * Questions about the region's rules, answered from its policy: 优秀加分吗, 主讲怎么算, 请假扣不扣, 不合格
 * 算不算, 学历提升能抵吗, 几个学时算一学分, 多出来的能结转吗, 不达标会怎样, 去年的还能补吗, 每年要多少
 * 学时, 周期从哪天到哪天. A topic is recognised by a phrase that can only be that question (几个学时算一
 * 学分, 结转), or by its subject together with a question about credits outside the subject itself: "主讲
 * 能加分吗" asks, "我当主讲" does not, and the 不 of 不合格 is no question word.
 */

interface Topic {
  readonly topic: PolicyTopic;
  /** Phrases that are the question on their own. */
  readonly question?: RegExp;
  /**
   * Families of words that together are the question, whatever their order and wording: each family is a
   * concept (a surplus, a later period) written every way teachers write it, and every one must occur.
   */
  readonly together?: readonly RegExp[];
  /** The topic's subject, a question only with a question word and a credit word beside it. */
  readonly subject?: RegExp;
}

const QUESTION_WORDS = /真的假的|是真的|有这回事|倍|还是|吗|么|不|没|能|可以|会|怎么|如何|多少|几|是否|有没有|哪|什么|算|一样|区别|影响|\?|can|does|do|is|will|how|what/;
const CREDIT_WORDS = /重考|补考|重修|重新参加|deduct|bonus|extra|学分|学时|继续教育|继教|免修|用修|要修|分|算|扣|加|抵|免|达标|要求|规定|政策|文件|标准|白学|白费|作废|有效|认|credit|hour|count|lose|training/;

/** The two units of the requirement; a conversion question names both. */
const HOUR_UNIT = /学时|小时|hours?|一天|半天|每天|一节课|days?/;
const CREDIT_UNIT = /学分|几分|多少分|credits?/;
/** How one unit becomes the other: a conversion word, or "one unit is how many" (一学分是几个学时). */
const CONVERTING = /convert|conversion|折|换|转|(?:几|多少)个?(?:学时|小时)抵|等于|=|相当于|合多少|合几|比例|关系|对应|(?:一|1|每|单)个?(?:学分|学时|小时)(?:是|算|要|需要|等于|合|折|就是)?(?:几|多少)|(?:几|多少|\d+)个?(?:学时|小时)(?:是|算|才算|等于|合|折)?(?:一|1)个?学分|(?:is|in|make|makes|per|for|equals?)(?:one|a|1)(?:credit|hour)|perhour|percredit/;

/**
 * Credits or hours beyond the requirement (再学的 once it is met), and what becomes of them: a later year or
 * cycle they might count for, kept (留着, 存起来), or lost (清零, 浪费, 还有用吗).
 */
const SURPLUS = /超额|多出|多余|超出|超过|超了|溢出|多修|修多(?!少)|学多(?!少)|多了|攒多|再学的|再修的|多学|extra|surplus|excess/;
const LATER_PERIOD = /明年|下一?年|下年度|下个?周期|下一个周期|下一轮|下轮|下次|以后|往后|留着|接着用|继续用|存起来|保留|清零|作废|浪费|白学|还有用|有没有用|nextyear|nextcycle|future|wasted|lost/;
/** What was studied: "饭买多了留着下次吃" is no surplus of credits. */
const STUDIED = /学时|学分|培训|研修|证书|继续教育|继教|课时|修|学多|多学|再学|学了|hour|credit|training/;

/** An earlier year's trainings, and doing now what was due then (登记, 认定, 交 — or whether they still count). */
const PAST_PERIOD = /去年|前年|以前|之前|往年|上一年|上个周期|上一个周期|\d{2,4}年|欠下|欠的|lastyear/;
/** Making good now what fell short then: 补修, 补上, 补救, 现在补还来得及. */
const MAKING_GOOD = /机会补|补(?:修|学|上|救|回|齐|交|登|录|报)|(?:现在|今年|还)补|来得及/;
const LATE_ACTION = /(?:现在|还)(?:能|可以)?(?:登记|录入|认定|申报|提交|交|上传|算|有效)|(?:canistill|stillbe|canitstill)(?:add|register|record|submit|count|claim)|stillcount/;
/** What these rules are about; without it "之前交的材料还有效吗" is about something else. */
const TRAINING_CONTEXT = /学时|学分|培训|研修|证书|继续教育|继教|hour|credit|training/;
/** The requirement as a whole or one part of it (必修, 公需课, 2.0). */
const TRAINING_OR_PART = /学时|学分|培训|研修|继续教育|继教|必修|选修|公需|校本|集中|网络|2\.0|信息技术|hour|credit|training/;
/** A cap on what counts ("网络研修有没有上限", "每年最多能认定多少学时") is part of the requirement. */
/** The months a year of hours runs over ("是一月到十二月算一年吗"). */
const YEAR_SPAN = /(?:[一二三四五六七八九十]{1,2}|\d{1,2})月(?:份)?(?:到|至)(?:[一二三四五六七八九十]{1,2}|\d{1,2})月|算一年/;
/** How much a part or a period must reach ("那块要求修满多少", "一年规定要学多少", "必修和选修各要多少", "有最低要求吗"). */
const REQUIRED_AMOUNT = /(?:要求|规定|各)(?:要|需要|得)?(?:修满|修够|修|学|达到|完成|拿|攒够)?(?:多少|几)|最低要求|有没有要求|有要求吗|(?:每年|一年|五年|周期)(?:得|要|需要)攒够?(?:多少|几)/;
/** A training not passed; its question comes before make-up's "还算吗", which it shares. */
const FAILED = /不合格|没合格|没有合格|没有通过|没有及格|没通过|没过|不及格|没及格|didn'?tpass|notpass|挂科|挂了|考核不过|考试不过|没考过|fail/;
const CAP = /上限|封顶|limit|maximum|(?:a|the)cap|capon|最多(?:能|可以)?(?:算|认定|认|计|记)|最高(?:能|可以)?(?:算|认定|计)/;

/** Falling short of the requirement ("够不够" asks, it does not fall short), and what that could lead to. */
const SHORTFALL = /不满|没满|不达标|没修够|没学够|没学完|没达标|未达标|达不到|达不了|(?<!够)不够|没够|修不够|修不满|没修满|没修完|没完成|未完成|完不成|不足|don'?t(?:have|get)?(?:enough|finish|complete|meet)|notenough|didn'?t(?:finish|complete|meet)|fallshort|(?:still|am|i'm|im)short|short(?:of|on)/;
const OUTCOME = /评高级|谈话|谈心|找我|被找|点名|挨批|批评|挨骂|问责|约谈|评中级|高级|职级|评级|扣|工资|奖金|评级|挂钩|会怎样|会怎么样|会如何|后果|影响|处罚|惩罚|处分|处理|通报|追责|会不会|职称|评优|评先|年度考核|考核|定级|晋级|晋升|注册|资格|绩效|评聘|whathappens|consequence|affect|penalt|whatif/;

/** A grade above a pass, and asking whether it earns more than a pass. */
const GRADE = /优秀|良好|等级|等次|excellent|distinction|grade/;
const EARNS_MORE = /多(?:折算|折|计|记|认定|认)|上浮|上调|提高|增加|加几|加多少|加分|额外|多几|多加|更多|加学分|多算|多给|多拿|多得|会多|多吗|多不|多一|多点|多些|奖励|加成|翻倍|系数|一样|区别|不同|差别|差多少|extra|more|bonus|different/;

/** The cycle's or the year's bounds, and asking when. 学分/学时 alone need an end (截止, 统计到几号). */
const CYCLE = /周期|本轮|这一轮|这轮|学年|自然年|cycle|countingyear|credityear/;
const WHEN = /(?:19|20)\d{2}年?(?:到|至|-|~)(?:19|20)\d{2}|什么时候|几年一个|[三五]年一个|多久|多长|几几年|到几|几月|按|算起|几号|哪天|哪年|哪几年|哪一年|到哪|从哪|开始|结束|截止|为止|起止|期限|when|start|end/;
const CREDITS_OR_HOURS = /学分|学时|年度/;
const CLOSES = /最晚|最迟|截止|结束|为止|统计到|登记到|认定到|算到(?:几号|哪天|什么时候)/;

/** The order decides between topics one message touches: 不合格 in a make-up question is still make-up. */
const TOPICS: readonly Topic[] = [
  {
    topic: "conversion",
    question: /(?:几个?|多少)(?:学时|小时)(?:才)?(?:算|折|换|等于|=|合)(?:成|合)?(?:一|1|几|多少)?个?学?分|学分(?:等于|折合|算|换算成|合)(?:多少|几个?)(?:学时|小时)|学时(?:怎么|如何)?(?:换算|折算|折合|转换)(?:成)?学分|学时(?:和|跟|与)学分(?:怎么|的)?(?:换算|关系|比例)|学分(?:和|跟|与)学时(?:怎么|的)?(?:换算|关系|比例)|折算(?:标准|比例)|换算(?:标准|比例)|(?:怎么|如何)(?:折算|换算)|hours?(?:make|per|equals?|for)(?:one|a|1)credit|hourspercredit/,
    together: [HOUR_UNIT, CREDIT_UNIT, CONVERTING],
  },
  {
    topic: "carry_over",
    question: /结转|顺延|延到|延续到|carry(?:ing)?over|多修.{0,8}(?:明年|下一?年|下个?周期)|(?:明年|下一?年|下个?周期)(?:还)?(?:能|可以)(?:用|算)|带到下|留到下|留到明年|算到下|计入下|转到下|转到明年|carryover|carriedover|rollover/,
    together: [SURPLUS, LATER_PERIOD, STUDIED],
    subject: /超了|超额|多出来|多出的|多出|超出|溢出|多余|多修的|多修了|修多了|学多了/,
  },
  {
    topic: "make_up",
    question: /补录|补登|补报|(?:还|能|可以|可不可以|能不能)补(?:录|登|报|修|学|交|认定|上)?(?:吗|不|么|$)|补(?:录|登|报|修|学|认定)(?:吗|$)|能不能补|可以补吗|机会补|补得了|补得上|makeup|catchup/,
  },
  {
    topic: "consequences",
    question: /不达标(?:会|的话|有什么|怎么|咋|要不要|需要|要)|没达标(?:会|的话|有什么|怎么)|修不够|没修够(?:会|的话|怎么)|(?:学分|学时)不够(?:会|的话|有什么|怎么办|咋办)|后果|影响(?:评职称|职称|考核|年度考核|定级|评优|晋级|注册)|whathappensif|consequence/,
    together: [SHORTFALL, OUTCOME],
  },
  { topic: "consequences", together: [/挂钩|有关系|有关联|相关吗|关联/, /职称|评优|考核|注册|晋升|晋级|绩效|定级/] },
  { topic: "degree_upgrade", subject: /学历|读研|考研|研究生|硕士|博士|学位|专升本|读博|读硕|攻读|函授|自考|成人高考|在职研|电大|国开|degree|master/ },
  { topic: "lecturer_bonus", subject: /讲了.{0,4}课|(?<!听)讲[一二两三几\d]+[次节堂场]课|做培训|开培训|培训别人|给.{0,6}(?:做|开)培训|主讲|授课|讲课|讲师|培训师|做讲座|开讲座|送教|上了?.{0,6}(?:示范课|公开课|观摩课|培训课)|给.{0,6}上(?:培训)?课|lecturer|lecturing|teachacourse|teach(?:a|the|one)?(?:session|class|lesson|workshop)/ },
  {
    topic: "grade_bonus",
    question: /(?:优秀|良好)(?:.{0,8})(?:加分|加学分|多算|多给|加不加|有加|奖励|加成|翻倍|系数|多一点|多一些|多点|一样|区别|不同|差别|差多少)|(?:加分|加学分).{0,6}(?:优秀|良好)|excellent.{0,20}(?:extra|more|bonus)|bonus.{0,20}(?:excellent|grade)/,
    together: [GRADE, EARNS_MORE],
  },
  { topic: "leave", subject: /请假|错过|发烧|感冒|不舒服|身体不适|提前(?:走|离开|回)|中途(?:走|离开|回)|缺.{0,3}课|缺了.{0,4}(?:上午|下午|半天|天|次|节|课)|生病|病了|住院|请了.{0,4}假|请.{0,2}假|病假|事假|产假|婚假|丧假|缺勤|缺课|缺席|迟到|早退|旷课|absent|absence|中途退出|半途|没坚持|没去|没参加|没听完|没看完|没上完|没学完|出差|skip|sick|illness|missaday|missedaday|missaclass|miss(?:ed)?(?:a|one|two)?(?:day|session|class)|leave/ },
  { topic: "failed", subject: FAILED },
  // Whether hours expire (清零, 作废, 有效期) is what becomes of them later; after failing, whether they count at all.
  { topic: "carry_over", together: [/清零|作废|有效期/, /学时|学分|hours?|credits?/] },
  // After failing: "去年的培训考核没通过 这次的学时还算不算" asks about the failure, not about registering late.
  { topic: "make_up", together: [PAST_PERIOD, LATE_ACTION, TRAINING_CONTEXT] },
  { topic: "make_up", together: [PAST_PERIOD, MAKING_GOOD, TRAINING_CONTEXT] },
  {
    topic: "requirement",
    question: /(?:每年|一年|今年|本年度|年度|五年|一个周期|每个周期|周期|总共|一共|总|最少|最低|至少)(?:到底|究竟|总共|一共|最少|至少)?(?:要|需要|需|得|应|应该|必须)(?:修够|修满|学够|学满|修|拿|达到|完成|满|学)?(?:多少|几)|(?:每年|一年|五年|每个周期)(?:多少|几)个?(?:学分|学时)|(?:一共|总共)?要求(?:是)?(?:多少|几)|(?:学分|学时|继续教育|继教)(?:的)?(?:要求|标准)|(?:学分|学时|继续教育|继教|培训).{0,8}(?:有什么要求|有什么规定|要求是什么|标准是什么|规定是什么|硬性要求|硬指标)|达标(?:标准|要求|线)|(?:每年|一年|五年|周期)(?:最少|至少|最低)(?:要|需要|得)?(?:修|拿)?(?:多少|几)|标准是多少|(?:are|is)(?:needed|required)|requirement|howmany.{0,20}(?:need|required).{0,20}(?:peryear|percycle|eachyear)/,
  },
  {
    topic: "dates",
    question: /周期(?:是|从)?(?:哪|什么时候|几号|多久|几年|开始|结束|截止)|(?:从|到)哪(?:天|年|一年)|(?:学分|学时|年度|周期)(?:登记|认定|统计)?(?:什么时候|几号|哪天)(?:截止|结束|开始)|(?:学分|学时)(?:的)?截止(?:日期|时间)|cycle(?:start|end)|whendoesthecycle/,
    together: [CYCLE, WHEN],
  },
  { topic: "requirement", together: [CAP, TRAINING_CONTEXT] },
  // The requirement changing ("听说每年要求提高到90学时了") is still a question about the requirement.
  { topic: "requirement", together: [/要求|标准|规定/, /提高|提到|调整|变了|改了|增加到|降到|降低|上调|涨到/, TRAINING_CONTEXT] },
  { topic: "requirement", together: [REQUIRED_AMOUNT, TRAINING_OR_PART] },
  { topic: "dates", together: [CREDITS_OR_HOURS, YEAR_SPAN] },
  { topic: "dates", together: [CREDITS_OR_HOURS, CLOSES] },
];

/** 还差 / 还要 asks what is left of one's own requirement (balance), not what the requirement is. */
const REMAINING = /还差|还要|还需|还剩|还缺|剩下|剩余|离|距离|still|left|howfar|farfrom/;

/** The question mark or particle politeness removal took from the end ("…还有学分吗"). */
const ENDS_AS_QUESTION = /[吗呢么?]\W*$/u;

function asks(compact: string, content: string, subject: RegExp): boolean {
  const rest = compact.replace(subject, "");
  return (QUESTION_WORDS.test(rest) || ENDS_AS_QUESTION.test(content)) && CREDIT_WORDS.test(rest);
}

/** The rule a message asks about, if any; the what-if matcher asks too, since an absence is no training to try out. */
export function ruleTopicOf(compact: string, content: string): PolicyTopic | undefined {
  for (const { topic, question, together, subject } of TOPICS) {
    if (topic === "requirement" && REMAINING.test(compact)) continue;
    if (question?.test(compact) || together?.every((family) => family.test(compact)) || (subject?.test(compact) && asks(compact, content, subject))) {
      return topic;
    }
  }
  return undefined;
}

export const matchPolicy: Matcher = (message, slots) => {
  const topic = ruleTopicOf(message.compact, message.content);
  if (topic === undefined) return undefined;
  const intent: Extract<Intent, { kind: "policy" }> = { kind: "policy", topic };
  // Only a make-up question is about a year of its own (去年的还能补吗).
  if (topic === "make_up") {
    if (slots.year !== undefined) intent.year = slots.year;
    if (slots.yearsAgo !== undefined) intent.yearsAgo = slots.yearsAgo;
  }
  return intent;
};

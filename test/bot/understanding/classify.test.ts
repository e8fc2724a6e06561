import { describe, expect, it } from "vitest";
import { parseIntent } from "../../../src/bot/commands/index.js";
import type { Intent } from "../../../src/bot/intents/index.js";

/**
 * The kinds of message issue 13 lists as failing, each with the intent it asks for. Every row was
 * "没太明白" or a wrong intent before the understanding pipeline.
 */
const ISSUE_13: readonly (readonly [text: string, intent: Intent])[] = [
  // politeness, fillers and endings
  ["我的学分够了吗谢谢老师", { kind: "balance", period: "cycle" }],
  ["学分够了没呀老师", { kind: "balance", period: "cycle" }],
  ["那个我想问一下就是我还差多少学分", { kind: "balance", period: "cycle" }],
  ["麻烦看下我的学时明细", { kind: "details" }],
  // typos, homophones, regional words, voice input, traditional characters
  ["学份够了吗", { kind: "balance", period: "cycle" }],
  ["今年学识够了吗", { kind: "balance", period: "year" }],
  ["我的积分够了吗", { kind: "balance", period: "cycle" }],
  ["学分咋样了", { kind: "balance", period: "cycle" }],
  ["学分够不", { kind: "balance", period: "cycle" }],
  ["俺的学分够不够", { kind: "balance", period: "cycle" }],
  ["在吗在吗我的学分够不够谢谢", { kind: "balance", period: "cycle" }],
  ["老師請問我的學分夠了嗎", { kind: "balance", period: "cycle" }],
  ["誰沒交", { kind: "stats", assignmentRef: "" }],
  // one part of the requirement
  ["信息技术2.0还差多少", { kind: "balance", period: "cycle", part: "it_application" }],
  ["能力提升工程2.0够了吗", { kind: "balance", period: "cycle", part: "it_application" }],
  ["集中培训够了吗", { kind: "balance", period: "cycle", part: "centralized" }],
  ["必修还差多少学分", { kind: "balance", period: "cycle", part: "required" }],
  ["选修够了没", { kind: "balance", period: "cycle", part: "elective" }],
  ["今年校本研修学时够不够", { kind: "balance", period: "year", part: "school_based" }],
  ["网络研修还差多少", { kind: "balance", period: "cycle", part: "online" }],
  ["公需科目完成了吗", { kind: "balance", period: "cycle", part: "public_subject" }],
  // the rules
  ["优秀有加分吗", { kind: "policy", topic: "grade_bonus" }],
  ["当主讲能加分吗", { kind: "policy", topic: "lecturer_bonus" }],
  ["请假扣不扣学分", { kind: "policy", topic: "leave" }],
  ["培训不合格算不算学时", { kind: "policy", topic: "failed" }],
  ["学历提升能抵学分吗", { kind: "policy", topic: "degree_upgrade" }],
  ["几个学时算一学分", { kind: "policy", topic: "conversion" }],
  ["多出来的学分能结转到下个周期吗", { kind: "policy", topic: "carry_over" }],
  ["不达标会怎么样", { kind: "policy", topic: "consequences" }],
  ["2025年的学时还能补吗", { kind: "policy", topic: "make_up", year: 2025 }],
  ["去年的学时还能补吗", { kind: "policy", topic: "make_up", yearsAgo: 1 }],
  ["每年要多少学时", { kind: "policy", topic: "requirement" }],
  ["周期从哪天到哪天", { kind: "policy", topic: "dates" }],
  // one assignment
  ["作业2什么时候截止", { kind: "assignment", topic: "due", assignmentNumber: 2 }],
  ["心得要写多少字", { kind: "assignment", topic: "length", assignmentKind: "reflection" }],
  ["作业怎么交", { kind: "assignment", topic: "how_to_submit" }],
  ["我的心得通过了吗", { kind: "assignment", topic: "result", assignmentKind: "reflection" }],
  ["作业2多少分", { kind: "assignment", topic: "result", assignmentNumber: 2 }],
  ["为什么我的作业被退回了", { kind: "assignment", topic: "rejection_reason" }],
  ["交错了，撤回作业2", { kind: "withdraw", assignmentNumber: 2 }],
  // The number 我的作业 gives it, right after the verb, as in 交作业 2 (the answers suggest「撤回 2」).
  ["撤回 2", { kind: "withdraw", assignmentNumber: 2 }],
  // small talk and escalation
  ["在吗", { kind: "small_talk", topic: "greeting" }],
  ["谢谢", { kind: "small_talk", topic: "thanks" }],
  ["收到", { kind: "small_talk", topic: "acknowledgement" }],
  ["你是谁", { kind: "small_talk", topic: "identity" }],
  ["学分不对", { kind: "contact", topic: "wrong_credits" }],
  ["换手机了", { kind: "contact", topic: "new_phone" }],
  ["账号密码忘了", { kind: "contact", topic: "password" }],
  ["转人工", { kind: "contact", topic: "human" }],
  ["我参加的国培没有记录", { kind: "contact", topic: "missing_training" }],
  // administrators and reviewers
  ["还有谁没交", { kind: "stats", assignmentRef: "" }],
  ["交了多少人", { kind: "stats", assignmentRef: "" }],
  ["我们学校还有多少人没达标", { kind: "compliance", scope: "school", period: "cycle" }],
  ["全区还有多少人没达标", { kind: "compliance", scope: "region", period: "cycle" }],
  ["全区达标率", { kind: "compliance", scope: "region", period: "cycle" }],
  ["待审核", { kind: "review_queue" }],
  ["有哪些要审核的", { kind: "review_queue" }],
  ["审核", { kind: "review_queue" }],
  // English
  ["how many hours do I still need this year", { kind: "balance", period: "year" }],
  ["When is assignment 2 due?", { kind: "assignment", topic: "due", assignmentNumber: 2 }],
];

describe("issue 13's kinds of message", () => {
  it.each(ISSUE_13)("%j", (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });
});

describe("wrong numbers are not given", () => {
  it("a negative amount stays negative in a what-if, for the handler to refuse", () => {
    expect(parseIntent("如果再参加-40学时网络培训")).toEqual({ kind: "what_if", record: { mode: "online", hours: -40 } });
  });

  it("a what-if without a mode names none (县级培训30学时 is not assumed online)", () => {
    expect(parseIntent("如果参加县级培训30学时")).toEqual({ kind: "what_if", record: { level: "county", hours: 30 } });
  });

  it("2025年的学时还能补吗 asks about the rule, not for the 2025 records", () => {
    expect(parseIntent("2025年的学时还能补吗").kind).toBe("policy");
  });

  it("以前年度 is earlier years, not 前年 (two years ago)", () => {
    expect(parseIntent("以前年度没修满的能补吗")).toEqual({ kind: "policy", topic: "make_up" });
  });

  it("'30 more hours' is 30 hours, and 30多学时 (thirty-odd) is no amount", () => {
    expect(parseIntent("what if I take 30 more hours online")).toEqual({ kind: "what_if", record: { mode: "online", hours: 30 } });
    expect(parseIntent("如果再学30多个学时")).toEqual({ kind: "what_if", record: {} });
  });

  it("statistics name an assignment by its title or number, never by other words around the question", () => {
    expect(parseIntent("课堂实录反思还有谁没交")).toEqual({ kind: "stats", assignmentRef: "课堂实录反思" });
    expect(parseIntent("俺们组还有谁没交嘞")).toEqual({ kind: "stats", assignmentRef: "" });
    expect(parseIntent("谁还没交体检表").kind).toBe("unknown");
  });

  it("第二批 / 第三周 are a batch and a week, never assignment two or three", () => {
    expect(parseIntent("第二批作业还有谁没交")).toEqual({ kind: "stats", assignmentRef: "第二批作业" });
    expect(parseIntent("第三周的作业什么时候截止")).toEqual({ kind: "assignment", topic: "due" });
    expect(parseIntent("交第二批作业 https://x.cn/a")).toEqual({ kind: "submit", link: "https://x.cn/a" });
  });

  it("another teacher's credits are never answered with the sender's", () => {
    expect(parseIntent("张老师的学分还差多少").kind).toBe("unknown");
  });

  it("the requirement's remainder is the balance, the requirement itself is policy", () => {
    expect(parseIntent("今年还要多少学时").kind).toBe("balance");
    expect(parseIntent("一年要多少学时").kind).toBe("policy");
  });
});

describe("when unsure, two choices", () => {
  it("names the two likeliest commands when both are plausible and close", () => {
    const intent = parseIntent("学分作业");
    expect(intent.kind).toBe("unknown");
    if (intent.kind === "unknown") {
      expect(intent.choices).toHaveLength(2);
      expect(intent.choices).toEqual(intent.suggestions.slice(0, 2));
    }
  });

  it("names none when the message resembles nothing", () => {
    const intent = parseIntent("👍");
    expect(intent).toMatchObject({ kind: "unknown" });
    expect(intent).not.toHaveProperty("choices");
  });
});

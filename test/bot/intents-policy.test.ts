import { describe, expect, it } from "vitest";
import { parseIntent } from "../../src/bot/commands/index.js";
import type { Intent } from "../../src/bot/intents/index.js";

/** Questions about the rules and about one part of the requirement, and look-alikes that are neither. */
const QUESTIONS: readonly (readonly [text: string, intent: Intent])[] = [
  ["2025年的学时还能补吗", { kind: "policy", topic: "make_up", year: 2025 }],
  ["去年的学时还能补吗谢谢老师", { kind: "policy", topic: "make_up", yearsAgo: 1 }],
  ["学时还能补吗", { kind: "policy", topic: "make_up" }],
  ["考核优秀能加分吗", { kind: "policy", topic: "grade_bonus" }],
  ["主讲有加分吗", { kind: "policy", topic: "lecturer_bonus" }],
  ["培训请假扣不扣学时", { kind: "policy", topic: "leave" }],
  ["考核不合格算不算学时", { kind: "policy", topic: "failed" }],
  ["专升本能顶学分吗", { kind: "policy", topic: "degree_upgrade" }],
  ["几个学时算一学分", { kind: "policy", topic: "conversion" }],
  ["一学分等于多少学时", { kind: "policy", topic: "conversion" }],
  ["多出来的学分能结转吗", { kind: "policy", topic: "carry_over" }],
  ["多出来的学时明年还算吗", { kind: "policy", topic: "carry_over" }],
  ["学分不达标有什么后果", { kind: "policy", topic: "consequences" }],
  ["每年要多少学时", { kind: "policy", topic: "requirement" }],
  ["五年要多少学分", { kind: "policy", topic: "requirement" }],
  ["周期从哪年到哪年", { kind: "policy", topic: "dates" }],
  ["信息技术2.0还差多少", { kind: "balance", period: "cycle", part: "it_application" }],
  ["能力提升工程2.0学时够了没", { kind: "balance", period: "cycle", part: "it_application" }],
  ["集中培训够了吗", { kind: "balance", period: "cycle", part: "centralized" }],
  ["我今年集中培训学时够了吗", { kind: "balance", period: "year", part: "centralized" }],
  ["必修还差多少", { kind: "balance", period: "cycle", part: "required" }],
  ["校本还差多少学分", { kind: "balance", period: "cycle", part: "school_based" }],
  ["公需科目够了吗", { kind: "balance", period: "cycle", part: "public_subject" }],
  ["网络研修完成了吗", { kind: "balance", period: "cycle", part: "online" }],
  // Not about a rule or a part.
  ["今年还差多少学时", { kind: "balance", period: "year" }],
  ["2024年的记录", { kind: "details", year: 2024 }],
  ["再学20学时远程培训够了吗", { kind: "what_if", record: { mode: "online", hours: 20 } }],
];

describe("rules and parts of the requirement", () => {
  it.each(QUESTIONS)("%j", (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it("a word of a rule without a question about it is no rules question", () => {
    expect(parseIntent("明天请假").kind).toBe("unknown");
    expect(parseIntent("能补交作业吗").kind).not.toBe("policy");
    expect(parseIntent("最近有什么集中培训").kind).not.toBe("balance");
  });
});

import { describe, expect, it } from "vitest";
import { parseIntent } from "../../src/bot/commands/index.js";
import { normaliseText, type IntentKind } from "../../src/bot/intents/index.js";
import { NOT_COMMANDS, PHRASINGS } from "./phrasings.js";

function suggestionsOf(text: string): IntentKind[] {
  const intent = parseIntent(text);
  expect(intent.kind).toBe("unknown");
  return intent.kind === "unknown" ? intent.suggestions : [];
}

describe("phrasing table", () => {
  it("has at least 60 phrasings and 20 non-commands", () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(60);
    expect(NOT_COMMANDS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(PHRASINGS)("%j", (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it.each(NOT_COMMANDS)("%j is no command, and ranks every suggestible command once", (text) => {
    const suggestions = suggestionsOf(text);
    expect(suggestions.length).toBeGreaterThan(3);
    expect(new Set(suggestions).size).toBe(suggestions.length);
  });
});

describe("administrators' own words", () => {
  it.each([
    ["我们学校还有多少人没达标", { kind: "compliance", scope: "school", period: "cycle" }],
    ["全区还有多少人没达标？", { kind: "compliance", scope: "region", period: "cycle" }],
    ["今年学时还有谁没达标", { kind: "compliance", scope: "school", period: "year" }],
    ["没达标的老师有哪些", { kind: "compliance", scope: "school", period: "cycle" }],
    ["待审核", { kind: "review_queue" }],
    ["有哪些要审核的", { kind: "review_queue" }],
    ["审核", { kind: "review_queue" }],
    ["審核一下", { kind: "review_queue" }],
    ["还有谁没交", { kind: "stats", assignmentRef: "" }],
    ["交了多少人", { kind: "stats", assignmentRef: "" }],
  ] as const)("%j", (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it("leaves a teacher's own standing to balance", () => {
    expect(parseIntent("我达标了吗").kind).toBe("balance");
    expect(parseIntent("我的达标情况").kind).toBe("balance");
  });
});

describe("acknowledgements", () => {
  it.each(["好的", "好的好的", "可以", "嗯", "嗯嗯", "ok", "OK", "收到", "@继教学分助手 收到", "好的老师"])("%j is small talk the pipeline may take as 确认", (text) => {
    expect(parseIntent(text)).toEqual({ kind: "small_talk", topic: "acknowledgement" });
  });

  it("is chatter when addressed to someone else (the corpus's convention)", () => {
    expect(parseIntent("@张老师 收到").kind).toBe("unknown");
  });

  it("is a whole message only: 好的我想问学分 is no acknowledgement", () => {
    expect(parseIntent("好的，我还差多少学分").kind).toBe("balance");
    expect(parseIntent("可以报名吗").kind).not.toBe("small_talk");
  });
});

describe("precedence", () => {
  it("报名 with a project code enrolls, 报名 without one lists projects", () => {
    expect(parseIntent("报名 P2024-03").kind).toBe("enroll");
    expect(parseIntent("报名什么").kind).toBe("projects");
    expect(parseIntent("能报名哪些培训").kind).toBe("projects");
  });

  it("今年学时 is this year's balance, a named year asks for that year's records", () => {
    expect(parseIntent("今年学时")).toEqual({ kind: "balance", period: "year" });
    expect(parseIntent("2024年的记录")).toEqual({ kind: "details", year: 2024 });
    expect(parseIntent("24年学分明细")).toEqual({ kind: "details", year: 2024 });
    expect(parseIntent("前年的学分")).toEqual({ kind: "details", yearsAgo: 2 });
  });

  it("学分明细 is details, not balance; 为什么是54分 is why, not balance", () => {
    expect(parseIntent("学分明细").kind).toBe("details");
    expect(parseIntent("为什么是54分").kind).toBe("why");
  });

  it("a notice stays a notice whatever its text mentions", () => {
    expect(parseIntent("发通知 全校 学分统计截止周五，请查询学分")).toEqual({
      kind: "notice",
      target: "school",
      text: "学分统计截止周五，请查询学分",
    });
  });

  it("a notice target is only consumed as a word of its own", () => {
    expect(parseIntent("发通知 全校老师明天开会")).toEqual({ kind: "notice", target: "group", text: "全校老师明天开会" });
    expect(parseIntent("发通知")).toEqual({ kind: "notice", target: "group", text: "" });
  });

  it("a link with a submit verb is a submission, wherever the verb is", () => {
    expect(parseIntent("我的心得已经写好了，提交一下 https://mp.weixin.qq.com/s/k9").kind).toBe("submit");
  });

  it("a question about the deadline for handing in is about the assignment (issue 13), not a link-less submission", () => {
    expect(parseIntent("交作业的截止时间是什么时候")).toEqual({ kind: "assignment", topic: "due" });
  });

  it("a what-if naming a project does not enroll", () => {
    expect(parseIntent("如果报名P2024-03呢")).toEqual({ kind: "what_if", record: {} });
  });

  it("statistics of 学分 is a teacher asking for their balance, not the admin's per-assignment stats", () => {
    expect(parseIntent("统计一下我的学分").kind).toBe("balance");
  });

  it("主要是 contains 要是 but is no what-if", () => {
    expect(parseIntent("我主要是想问学分").kind).toBe("unknown");
  });
});

describe("decided edge cases", () => {
  it("收到学分证书了 reports a certificate, it asks nothing: unknown, with balance suggested first", () => {
    expect(suggestionsOf("收到学分证书了")[0]).toBe("balance");
  });

  it("a link without a submit verb or assignment word is not submitted on a guess", () => {
    expect(parseIntent("分享一篇文章 https://mp.weixin.qq.com/s/xyz").kind).toBe("unknown");
  });

  it("an approval without a score is a review with no score, for the handler to ask for one", () => {
    expect(parseIntent("审核 15 通过")).toEqual({ kind: "review", submissionRef: "15", decision: "approved" });
  });

  it("a rejection without a reason keeps the empty reason for the domain to refuse", () => {
    expect(parseIntent("审核 15 退回")).toEqual({ kind: "review", submissionRef: "15", decision: "rejected", reason: "" });
  });

  it("a what-if without a mode names none, for the handler to assume one and say so", () => {
    expect(parseIntent("如果再参加一次培训")).toEqual({ kind: "what_if", record: {} });
    expect(parseIntent("如果参加区级培训")).toEqual({ kind: "what_if", record: { level: "county" } });
    expect(parseIntent("如果考核不合格呢")).toEqual({ kind: "what_if", record: {} });
  });

  it("a submit command without a link still submits, with an empty link for the domain to refuse", () => {
    expect(parseIntent("提交心得")).toEqual({ kind: "submit", link: "", assignmentKind: "reflection" });
  });

  it("an enroll sentence that is more than the command does not enroll", () => {
    expect(parseIntent("我报名了P2024-03，什么时候开始").kind).toBe("unknown");
  });

  it("a mention glued to the text cannot be told from a bare mention: the menu", () => {
    expect(parseIntent("@继教助手我还差多少学分").kind).toBe("help");
  });

  it("a greeting alone is small talk (issue 13: it was declined as not understood), a bare mention is a call for the menu", () => {
    expect(parseIntent("你好")).toEqual({ kind: "small_talk", topic: "greeting" });
    expect(parseIntent("@继教学分助手 ").kind).toBe("help");
  });

  it("a bare 审核 is the reviewer's queue (issue 13: it was not understood)", () => {
    expect(parseIntent("审核")).toEqual({ kind: "review_queue" });
  });

  it("suggests by resemblance, and by usefulness when nothing resembles", () => {
    expect(suggestionsOf("审核15")[0]).toBe("review");
    expect(suggestionsOf("我想看学分证书")[0]).toBe("balance");
    expect(suggestionsOf("👍").slice(0, 3)).toEqual(["balance", "tasks", "help"]);
  });
});

describe("normaliseText", () => {
  it.each([
    ["@继教学分助手\u2005我还差多少学分啊？", "我还差多少学分"],
    ["@Bot\u2005@继教学分助手 学分", "学分"],
    ["我的学分 @继教学分助手", "我的学分"],
    ["报名Ｐ２０２４－０３", "报名p2024-03"],
    ["学\u3000分\u00a0够了吗？！", "学分够了"],
    ["bind  T0001 \u2005 834201", "bind t0001 834201"],
    ["老师好，请问我今年学时够吗", "我今年学时够"],
    ["history", "history"],
    ["學時", "学时"],
    ["学\u200b分", "学分"],
  ])("%j → %j", (text, normalised) => {
    expect(normaliseText(text)).toBe(normalised);
  });

  it("keeps the sender's characters in parameters: link case, full-width punctuation of a notice", () => {
    expect(parseIntent("交作业2 https://MP.weixin.qq.com/s/AbC")).toMatchObject({ link: "https://MP.weixin.qq.com/s/AbC" });
    expect(parseIntent("@继教学分助手 发通知 本群：周五交材料！！ @张老师")).toEqual({ kind: "notice", target: "group", text: "周五交材料！！" });
  });
});

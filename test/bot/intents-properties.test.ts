import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../src/bot/commands/index.js";
import type { IntentKind } from "../../src/bot/intents/index.js";
import { NOT_COMMANDS, PHRASINGS } from "./phrasings.js";

const KINDS: readonly IntentKind[] = [
  "balance", "details", "why", "what_if", "tasks", "submit", "projects", "enroll", "bind", "help", "more",
  "confirm", "cancel", "notice", "remind", "stats", "review", "jobs", "register_group", "unregister_group", "policy",
  "assignment", "withdraw", "small_talk", "contact", "compliance", "review_queue", "unknown",
];

/** Pieces of the phrasings, so random messages reach deep into the patterns instead of failing early. */
const FRAGMENTS = [
  "学分", "学时", "够", "今年", "明细", "2024", "年", "为什么", "54", ".5", "分", "如果", "再", "四十", "十", "第", "个",
  "作业", "交", "提交", "心得", "https://", "://", "www.", "a.cn/", "报名", "p", "P2024-03", "-", "绑定", "工号", "t0001",
  "验证码", "834201", "发通知", "全校", "本群", "催交", "统计", "谁没交", "审核", "s15", "通过", "退回", "@", "@bot",
  "谢谢老师", "那个", "就是", "学份", "積分", "够不", "信息技术", "集中", "结转", "撤回", "待审核", "达标", "全区", "负", "老師",
  " ", "\u2005", "\u3000", "吗", "呢", "？", "！", "请问", "老师好", "，", "帮助", "?", "更多", "确认", "取消", "1", "a", "👍",
];

const fragmentMessage = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(""));

function expectWellFormed(text: string): void {
  const intent = parseIntent(text);
  expect(KINDS).toContain(intent.kind);
  if (intent.kind === "unknown") {
    expect(intent.suggestions.length).toBeGreaterThan(3);
    expect(new Set(intent.suggestions).size).toBe(intent.suggestions.length);
  }
}

/** The fastest of a few runs, so a garbage-collection pause does not fail the test. */
function fastestParseMs(text: string): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    parseIntent(text);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

describe("parseIntent on any input", () => {
  it("never throws and always returns a well-formed intent (any Unicode)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), expectWellFormed), { numRuns: 500 });
  });

  it("never throws on messages built from the phrasings' own pieces", () => {
    fc.assert(fc.property(fragmentMessage, expectWellFormed), { numRuns: 2000 });
  });

  it("never throws on messages up to 10,000 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 5_000, maxLength: 10_000 }), expectWellFormed),
      { numRuns: 20 },
    );
  });
});

describe("parsing is fast", () => {
  it("600 chat messages parse in well under 100 ms after warm-up", () => {
    const typed = [...PHRASINGS.map(([text]) => text), ...NOT_COMMANDS];
    const messages = Array.from({ length: 600 }, (_, index) => typed[index % typed.length] ?? "");
    for (const message of messages) parseIntent(message);
    let fastest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      for (const message of messages) parseIntent(message);
      fastest = Math.min(fastest, performance.now() - started);
    }
    expect(fastest).toBeLessThan(100);
  });
});

describe("parsing time grows linearly", () => {
  /**
   * Long runs of what the patterns look for (digits, numerals, letters, separators, verbs) are where a
   * backtracking regex would go quadratic; 10,000 characters then take seconds instead of milliseconds.
   */
  const adversarial: readonly (readonly [name: string, build: (length: number) => string])[] = [
    ["digits", (length) => "1".repeat(length)],
    ["digits after a review verb", (length) => `审核${"1".repeat(length)}x`],
    ["digits after a bind verb", (length) => `绑定${"1".repeat(length)}x`],
    ["Chinese numerals", (length) => "四".repeat(length)],
    ["letters", (length) => "p".repeat(length)],
    ["code-like dashes", (length) => `报名p${"-1".repeat(length / 2)}x`],
    ["decimals", (length) => "1.".repeat(length / 2)],
    ["mentions", (length) => "@a ".repeat(length / 3)],
    ["courtesies", (length) => "请问".repeat(length / 2)],
    ["particles", (length) => `学分${"吗".repeat(length)}`],
    ["link separators", (length) => "://".repeat(length / 3)],
    ["www", (length) => "www.".repeat(length / 4)],
    ["fillers", (length) => `学分${"我的".repeat(length / 2)}`],
    ["years", (length) => "2024年".repeat(length / 5)],
    ["minus signs", (length) => `再学${"-".repeat(length)}40学时`],
    ["fillers anywhere", (length) => `学分${"那个".repeat(length / 2)}够不够`],
    ["endings", (length) => `学分够了${"吗老师".repeat(length / 3)}`],
    ["homophone candidates", (length) => "学份".repeat(length / 2)],
    ["traditional", (length) => "學時".repeat(length / 2)],
    ["small talk", (length) => "谢谢".repeat(length / 2)],
    ["question words", (length) => "do i ".repeat(length / 5)],
    ["repeated why", (length) => "why".repeat(length / 3)],
    ["repeated 有", (length) => `${"有".repeat(length)}培训x`],
    ["repeated excellent", (length) => "excellent".repeat(length / 9)],
    ["repeated how many", (length) => "howmany need ".repeat(length / 13)],
    ["amounts", (length) => `${"1".repeat(length)}学时`],
    ["clauses", (length) => "学分,".repeat(length / 3)],
    ["conjunctions", (length) => "因为".repeat(length / 2)],
    ["sentences", (length) => "hi. ".repeat(length / 4)],
  ];

  it.each(adversarial)("%s: 10,000 characters parse in well under a second", (_name, build) => {
    parseIntent(build(1_000));
    expect(fastestParseMs(build(10_000))).toBeLessThan(100);
  });

  it("random 10,000-character messages built from phrasing pieces parse quickly", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 2_000, maxLength: 3_000 }), (parts) => {
        const text = parts.join("").slice(0, 10_000);
        expect(fastestParseMs(text)).toBeLessThan(100);
      }),
      { numRuns: 20 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../src/bot/commands/index.js";
import type { IntentKind } from "../../src/bot/intents/index.js";

const KINDS: readonly IntentKind[] = [
  "balance", "details", "why", "what_if", "tasks", "submit", "projects", "enroll", "bind", "help", "more",
  "confirm", "cancel", "notice", "remind", "stats", "review", "jobs", "small_talk", "compliance", "review_queue", "unknown",
];

/** Pieces of the phrasings, so random messages reach deep into the patterns instead of failing early. */
const FRAGMENTS = [
  "学分", "学时", "够", "今年", "明细", "2024", "年", "为什么", "54", ".5", "分", "如果", "再", "四十", "十", "第", "个",
  "作业", "交", "提交", "心得", "https://", "://", "www.", "a.cn/", "报名", "p", "P2024-03", "-", "绑定", "工号", "t0001",
  "验证码", "834201", "发通知", "全校", "本群", "催交", "统计", "谁没交", "审核", "s15", "通过", "退回", "@", "@bot",
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

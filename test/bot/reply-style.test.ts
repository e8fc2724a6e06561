import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/bot/commands/index.js";
import { startBot } from "../support/bot.js";

/**
 * The house style of every answer, checked on what the bot really says: each command's examples asked by a
 * teacher who is short, one who is complete, a school admin, a reviewer and a region admin who does not teach.
 */
const STYLE_RULES: readonly (readonly [rule: string, pattern: RegExp])[] = [
  ["no ✅ before a full stop", /✅。/u],
  ["no space before 了", / 了/u],
  ["no space after a date", /\d日 (?=[\p{Script=Han}])/u],
  ["no space before a date", /[\p{Script=Han}] (?:\d{4}年)?\d{1,2}月\d{1,2}日/u],
  ["no 还剩 0 天 (it is 就是今天)", /还(?:剩|有) 0 天/u],
  ["校本研修, never 校本培训", /校本培训(?!考核)/u],
  ["no doubled full stop", /。。/u],
  ["no leading zero in a month or day", /(?<!\d)0\d月|月0\d日/u],
  ["no placeholder left unfilled", /\{\{|\}\}|undefined|NaN|\[object/u],
];

describe("reply style over every command (demo region)", () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const people = { short: "T0003", complete: "T0002", schoolAdmin: "T0001", reviewer: "T0004", regionAdmin: "A0001" } as const;

  beforeAll(async () => {
    bot = await startBot("embedded");
    for (const [who, employeeNumber] of Object.entries(people)) expect((await bot.bind(`u-${who}`, employeeNumber))[0]?.text).toContain("绑定好了");
  });
  afterAll(() => bot.dispose());

  it("keeps every rule in every answer, and a balance to ten lines", async () => {
    const answers: { who: string; asked: string; text: string }[] = [];
    for (const who of Object.keys(people)) {
      for (const definition of Object.values(COMMANDS)) {
        for (const asked of definition.examples) {
          for (const reply of await bot.as(`u-${who}`)(asked)) answers.push({ who, asked, text: reply.text });
        }
      }
    }
    expect(answers.length).toBeGreaterThan(300);
    const broken = answers.flatMap(({ who, asked, text }) =>
      STYLE_RULES.flatMap(([rule, pattern]) => (pattern.test(text) ? [`${rule} — ${who}: ${asked}\n${text}`] : [])),
    );
    expect(broken).toEqual([]);
    for (const { who, text } of answers.filter(({ asked }) => asked === "我还差多少学分")) {
      expect(text.split("\n").length, `${who}\n${text}`).toBeLessThanOrEqual(10);
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/bot/commands/index.js";
import { startBot } from "../support/bot.js";

/**
 * R2 for chat: every command of the registry, typed by someone hostile or clumsy. Each variant of a command's
 * examples must get an ordinary answer (never the internal-error apology, never a logged handler failure) from
 * a teacher who is a school admin, a region admin who does not teach, and a stranger.
 */
const MUTATIONS: readonly ((text: string) => string)[] = [
  (text) => `${text}\u0000\u0007`,
  (text) => `\u202e${text}\u200b`,
  (text) => `${text} ${"学分".repeat(2_000)}`,
  (text) => `${text} 99999999999999999999`,
  (text) => `${text} -1 -0.5 NaN Infinity`,
  (text) => `${text} '; DROP TABLE "Teacher"; --`,
  (text) => `${text} {{#each this}}{{/each}} <script>alert(1)</script>`,
  (text) => `${text} javascript:alert(1) https://${"a".repeat(3_000)}.com`,
  (text) => `@继教学分助手\u2005${text.toUpperCase()}😅😅😅`,
  (text) => text.split("").reverse().join(""),
];

describe("R2 hostile chat input over every command", () => {
  let bot: Awaited<ReturnType<typeof startBot>>;

  beforeAll(async () => {
    bot = await startBot("embedded");
    for (const [sender, employeeNumber] of [["u-admin", "T0001"], ["u-region", "A0001"]] as const) {
      expect((await bot.bind(sender, employeeNumber))[0]?.text).toContain("绑定好了");
    }
  });
  afterAll(() => bot.dispose());

  it("answers every variant of every command's examples plainly, in direct chats and in a group", async () => {
    let messages = 0;
    for (const definition of Object.values(COMMANDS)) {
      const examples = definition.examples.length > 0 ? definition.examples : [definition.kind];
      for (const example of examples.slice(0, 1)) {
        for (const mutate of MUTATIONS) {
          for (const sender of ["u-admin", "u-region", "u-stranger"]) {
            const where = messages % 3 === 0 ? { group: "r2-chat-group" } : {};
            const replies = await bot.as(sender, where)(mutate(example));
            messages += 1;
            for (const reply of replies) {
              expect(reply.text.length, `${sender}: ${mutate(example).slice(0, 60)}`).toBeGreaterThan(0);
              expect(reply.text, `${sender}: ${mutate(example).slice(0, 60)}`).not.toContain("出了点问题");
            }
          }
        }
      }
    }
    expect(bot.lines().filter((line) => line.msg === "bot handler failed")).toEqual([]);
    expect(messages).toBeGreaterThan(500);
  }, 120_000);
});

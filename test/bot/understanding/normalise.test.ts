import { describe, expect, it } from "vitest";
import { normalise } from "../../../src/bot/intents/normalise.js";
import { toSimplified } from "../../../src/bot/intents/traditional.js";

describe("normalise: characters, mentions and spaces", () => {
  it.each([
    ["@继教学分助手\u2005我还差多少学分啊？", "我还差多少学分啊?"],
    ["报名Ｐ２０２４－０３", "报名p2024-03"],
    ["老師請問我的學分夠了嗎", "老师请问我的学分够了吗"],
    ["誰沒交", "谁没交"],
    ["bind  T0001 \u2005 834201", "bind t0001 834201"],
    ["学\u200b分", "学分"],
    ["再学\u221240学时", "再学-40学时"],
  ])("%j → %j", (typed, text) => {
    expect(normalise(typed).text).toBe(text);
  });

  it("maps every normalised character back to what was typed", () => {
    const message = normalise("@Bot 發通知 本群：周五交材料！！");
    const start = message.text.indexOf("周五");
    expect(message.original(start, start + 2)).toBe("周五");
    expect(message.original(start)).toBe("周五交材料！！");
  });
});

describe("traditional → simplified from OpenCC's complete table", () => {
  it.each([
    ["誰", "谁"], ["沒", "没"], ["師", "师"], ["裡", "里"], ["爲", "为"], ["綫", "线"], ["績", "绩"], ["優", "优"], ["臺", "台"],
  ])("%s → %s (characters the old hand-made table lacked included)", (traditional, simplified) => {
    expect(toSimplified(traditional)).toBe(simplified);
  });

  it("leaves simplified characters, Latin letters and emoji alone", () => {
    for (const char of ["学", "干", "后", "发", "面", "a", "1", "👍"]) expect(toSimplified(char)).toBe(char);
  });
});

import { describe, expect, it } from "vitest";
import { normalise } from "../../../src/bot/intents/normalise.js";
import { withoutPoliteness } from "../../../src/bot/intents/politeness.js";

function polite(typed: string): string {
  return withoutPoliteness(normalise(typed)).text;
}

describe("politeness and fillers removed", () => {
  it.each([
    ["我的学分够了吗谢谢老师", "我的学分够了"],
    ["学分够了没呀老师", "学分够了没"],
    ["学分够了吗，老师", "学分够了"],
    ["那个我想问一下就是我还差多少学分", "我还差多少学分"],
    ["麻烦看下我的学分", "我的学分"],
    ["老师您好，请问我今年学时够吗？", "我今年学时够"],
    ["在吗在吗我的学分够不够谢谢", "我的学分够不够"],
    ["学分那个我想问一下够不够", "学分够不够"],
    ["嗯 学分够了吗 在线等 急", "学分够了"],
    ["hi, how many credits do I have? thanks", "how many credits do i have"],
  ])("%j → %j", (typed, text) => {
    expect(polite(typed)).toBe(text);
  });

  it("keeps 老师 that is part of the question, and English words that only start like a courtesy", () => {
    expect(polite("怎么联系管理员老师")).toBe("怎么联系管理员老师");
    expect(polite("history")).toBe("history");
    expect(polite("this year")).toBe("this year");
  });

  it("may leave nothing, while the message's content still says what was typed", () => {
    const message = withoutPoliteness(normalise("谢谢老师！"));
    expect(message.text).toBe("");
    expect(message.content).toBe("谢谢老师!");
  });

  it("still maps back to the typed text: a notice keeps its thanks", () => {
    const message = withoutPoliteness(normalise("老师好，发通知 本群 周五交材料，谢谢老师"));
    expect(message.original(message.text.indexOf("周五"))).toBe("周五交材料，谢谢老师");
  });
});

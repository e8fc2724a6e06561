import { describe, expect, it } from "vitest";
import { corrected } from "../../../src/bot/intents/correct.js";
import { normalise } from "../../../src/bot/intents/normalise.js";

function correct(typed: string): string {
  return corrected(normalise(typed)).text;
}

describe("regional and spoken words", () => {
  it.each([
    ["我的积分够了吗", "我的学分够了吗"],
    ["学分咋样了", "学分怎么样了"],
    ["咋算的", "怎么算的"],
    ["学分够不", "学分够不够"],
    ["学分够不够", "学分够不够"],
    ["俺的学分", "我的学分"],
    ["有啥培训", "有什么培训"],
    ["培训没得记录", "培训没有记录"],
    ["课时够了没", "学时够了没"],
  ])("%j → %j", (typed, text) => {
    expect(correct(typed)).toBe(text);
  });
});

describe("homophone typos of the domain's words, by pinyin", () => {
  it.each([
    ["学份够了吗", "学分够了吗"],
    ["今年学识够了吗", "今年学时够了吗"],
    ["我的做业", "我的作业"],
    ["审合15通过", "审核15通过"],
    ["学份明西", "学分明细"],
    ["催缴2", "催交2"],
  ])("%j → %j", (typed, text) => {
    expect(correct(typed)).toBe(text);
  });

  it("leaves everyday words that only sound like a domain word alone", () => {
    for (const typed of ["有几种培训", "必须完成", "请加群", "开心的事", "学习计划", "作为老师", "取消本群的登记"]) expect(correct(typed)).toBe(typed);
  });

  it("never takes a numeral for a typo: 再学十二个学时 is twelve hours", () => {
    expect(correct("再学十二个学时")).toBe("再学十二个学时");
  });

  it("keeps the source map: a corrected word still cuts the typed characters", () => {
    const message = corrected(normalise("学份够了吗"));
    expect(message.text.startsWith("学分")).toBe(true);
    expect(message.original(0, 2)).toBe("学份");
  });
});

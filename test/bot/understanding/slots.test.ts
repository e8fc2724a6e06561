import { describe, expect, it } from "vitest";
import { normalise } from "../../../src/bot/intents/normalise.js";
import { slotsOf } from "../../../src/bot/intents/slots.js";

function slots(typed: string) {
  return slotsOf(normalise(typed));
}

describe("slots", () => {
  it("keeps the sign of an amount: -40 is never 40", () => {
    expect(slots("如果再学-40学时").hours).toBe(-40);
    expect(slots("再学负40学时").hours).toBe(-40);
    expect(slots("再学\u221240学时").hours).toBe(-40);
    expect(slots("what if I add - 40 hours").hours).toBe(-40);
    expect(slots("再拿-5学分").credits).toBe(-5);
  });

  it("a dash between two numbers is a range, not a minus", () => {
    expect(slots("20-40学时").hours).toBe(40);
  });

  it("reads amounts as typed, large or Chinese", () => {
    expect(slots("9999学时").hours).toBe(9999);
    expect(slots("四十学时的国培")).toMatchObject({ hours: 40, level: "national" });
    expect(slots("5 credits").credits).toBe(5);
  });

  it.each([
    ["信息技术2.0还差多少", "it_application"],
    ["能力提升工程够了吗", "it_application"],
    ["集中培训够了吗", "centralized"],
    ["网络研修", "online"],
    ["校本研修", "school_based"],
    ["校本课程", "school_course"],
    ["必修", "required"],
    ["选修", "elective"],
    ["公需科目", "public_subject"],
  ] as const)("%j names the part %s", (typed, part) => {
    expect(slots(typed).part).toBe(part);
  });

  it("years: explicit, two-digit, relative, and not from a project code", () => {
    expect(slots("2025年的学时还能补吗").year).toBe(2025);
    expect(slots("24年学分明细").year).toBe(2024);
    expect(slots("去年的记录").yearsAgo).toBe(1);
    expect(slots("前年的学分").yearsAgo).toBe(2);
    expect(slots("报名P2024-03").year).toBeUndefined();
    expect(slots("今年学时").thisYear).toBe(true);
  });

  it("assignment number and kind, project code", () => {
    expect(slots("作业2什么时候截止").assignmentNumber).toBe(2);
    expect(slots("第二个作业").assignmentNumber).toBe(2);
    expect(slots("看一下作业").assignmentNumber).toBeUndefined();
    expect(slots("心得要写多少字").assignmentKind).toBe("reflection");
    expect(slots("报名 p2024-03").projectCode).toBe("P2024-03");
  });

  it("mode, level, result and role of a training", () => {
    expect(slots("自治区级集中培训24学时，考核优秀")).toMatchObject({ mode: "centralized", level: "provincial", result: "excellent", hours: 24 });
    expect(slots("县级培训当主讲").role).toBe("lecturer");
  });

  it("whose numbers: an administrator's scope, another teacher", () => {
    expect(slots("全区还有多少人没达标").scope).toBe("region");
    expect(slots("我们学校达标率").scope).toBe("school");
    expect(slots("张老师的学分还差多少").person).toBe("张");
    expect(slots("我的学分").person).toBeUndefined();
    expect(slots("各位老师的学分").person).toBeUndefined();
  });
});

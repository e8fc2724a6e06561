import { describe, expect, it } from "vitest";
import { PRESET_NAMES } from "../../src/credits/presets/index.js";
import { line, record, run, year } from "./support.js";

describe("E. other regions", () => {
  it("E1 潜江: 72 hours a year, audited per half year and summed at year end", () => {
    // 2024: 30 h in March (上半年) + 42 h in September (下半年) = 72 → met. 2023: 70 → 2 short.
    const evaluation = run("qianjiang", [
      record({ date: "2024-03-15", hours: 30 }),
      record({ date: "2024-09-15", mode: "online", hours: 42 }),
      record({ date: "2023-05-15", hours: 70 }),
    ]);
    expect(year(evaluation, 2024)).toMatchObject({
      unit: "hour",
      earned: 72,
      required: 72,
      met: true,
      periods: [
        { label: "上半年", earned: 30 },
        { label: "下半年", earned: 42 },
      ],
    });
    expect(year(evaluation, 2023)).toMatchObject({ earned: 70, met: false });
    expect(evaluation.shortfalls).toContainEqual(expect.objectContaining({ rule: "E1", year: 2023, missing: 2 }));
  });

  it("E2 句容 participation and pass rates are school reports, outside the engine", () => {
    // E2 defines no credit formula (100 % participation and pass rates are per-school report targets, and
    // school-based hours are entered per school), so the engine has no 句容 preset rather than a guessed one.
    expect(PRESET_NAMES).not.toContain("jurong");
    expect(PRESET_NAMES).toHaveLength(7);
  });

  it("E3 某区: 90 hours per July–May training year, 30 of them 公需科目; June rolls into the next year", () => {
    // 2023—2024学年度 (2023-06-01 … 2024-05-31): 40 public_subject + 30 online + 20 school = 90 → met, 公需 40 ≥ 30.
    // 2024-06-10 (June, between years) counts in 2024—2025学年度.
    // 2022—2023学年度: only 20 公需 hours → 70 short overall and 10 short on 公需.
    const evaluation = run(
      "district90",
      [
        record({ id: "public", date: "2023-07-15", hours: 40, tags: ["public_subject"] }),
        record({ date: "2023-12-01", mode: "online", hours: 30 }),
        record({ date: "2024-03-01", mode: "school_based", hours: 20 }),
        record({ id: "june", date: "2024-06-10", mode: "online", hours: 10 }),
        record({ date: "2022-09-01", hours: 20, tags: ["public_subject"] }),
      ],
      { asOf: "2024-06-30" },
    );
    expect(evaluation.cycle).toMatchObject({ start: "2021-06-01", end: "2026-05-31" });
    expect(year(evaluation, 2023)).toMatchObject({
      label: "2023—2024学年度",
      start: "2023-06-01",
      end: "2024-05-31",
      earned: 90,
      required: 90,
      met: true,
      status: "closed",
      floors: { public_subject: { earned: 40, required: 30, met: true } },
    });
    expect(year(evaluation, 2024)).toMatchObject({ label: "2024—2025学年度", earned: 10, status: "in_progress" });
    expect(line(evaluation, "june").explain).toContain("6月不在学年度内，计入2024—2025学年度");
    expect(year(evaluation, 2022)).toMatchObject({ earned: 20, met: false, floors: { public_subject: { earned: 20, required: 30, met: false } } });
    expect(evaluation.shortfalls.filter((shortfall) => shortfall.year === 2022)).toEqual([
      expect.objectContaining({ rule: "E3", key: "year", missing: 70, final: true }),
      expect.objectContaining({ rule: "E3", key: "year-floor:public_subject", missing: 10, final: true }),
    ]);
  });

  it("E4 随县: at least 36 school-based hours every year, stamped yearly", () => {
    // 2024 (in progress at 2024-10-01): 30 校本 hours + 50 集中 hours → 校本 6 short; suggested as 校本培训 hours.
    // 2023: 36 校本 hours → met.
    const evaluation = run(
      "suixian",
      [
        record({ date: "2024-03-01", mode: "school_based", hours: 30 }),
        record({ date: "2024-05-01", hours: 50 }),
        record({ date: "2023-03-01", mode: "school_based", hours: 36, certifiedBy: "随县教育局", certifiedOn: "2024-01-10" }),
      ],
      { asOf: "2024-10-01" },
    );
    expect(year(evaluation, 2024)).toMatchObject({
      required: null,
      earned: 80,
      met: false,
      floors: { school_based: { earned: 30, required: 36, met: false } },
    });
    expect(year(evaluation, 2023)).toMatchObject({ met: true, uncertified: [] });
    expect(year(evaluation, 2024).uncertified).toHaveLength(2);
    expect(evaluation.suggestions).toContain("还需校本培训 6 学时（2024年校本培训还差 6 学时，2024年12月31日前完成）");
  });

  it("E5 山东 remote training: passing records 18 credits; leave is attendance; missing it costs the excellent rating", () => {
    const cycle = { asOf: "2018-03-01" };
    const passed = run("shandong-remote", [record({ id: "remote", date: "2017-10-15", mode: "online", hours: 50, leaveHours: 8, tags: ["remote_training"] })], cycle);
    expect(passed.cycle).toEqual({ start: "2017-09-01", end: "2018-08-31", over: false });
    expect(line(passed, "remote")).toMatchObject({ base: 18, counted: 18 });
    expect(line(passed, "remote").explain).toBe("全员远程研修合格，按规定计 18 学分（请假 8 学时记入考勤，不影响学分）");
    expect(passed.met).toBe(true);

    // Without the remote-training tag an online record has no rate in this preset: shown, not counted.
    const other = run("shandong-remote", [record({ id: "other", date: "2017-10-15", mode: "online", hours: 50 })], cycle);
    expect(line(other, "other")).toMatchObject({ status: "not_convertible", counted: 0 });

    // Failed at the end of the school year: no credits and 本学年考核不能评为优秀等级.
    const failed = run("shandong-remote", [record({ date: "2017-10-15", mode: "online", tags: ["remote_training"], result: "fail" })], { asOf: "2018-08-31" });
    expect(failed.total.earned).toBe(0);
    expect(failed.consequences).toEqual([{ code: "NOT_RATED_EXCELLENT", text: "本学年考核不能评为优秀等级", source: "E5" }]);
  });
});
